import type { AlertRaisedData } from '@bem/monitoring';
import type { Channel } from './alert-outbox';
import type { ChannelSender } from './channels';
import type { OutboxBatcher } from './outbox-batcher';

export class DeliveryInFlight extends Error {}

export type DeliveryResult = 'sent' | 'already-delivered' | 'no-channel';

/**
 * The alert delivery processor, the same with BullMQ or in-process: claim the (alert, channel) in the
 * durable outbox, send, mark delivered (bookkeeping batched per event-loop turn). A retry of a delivered alert sends
 * nothing; a crash between send and mark sends it again (at-least-once).
 */
export class AlertDelivery {
  constructor(
    private readonly bookkeeping: OutboxBatcher,
    private readonly senders: Partial<Record<Channel, ChannelSender>>,
  ) {}

  get channels(): Channel[] {
    return Object.keys(this.senders) as Channel[];
  }

  async process(alertId: string, channel: Channel): Promise<DeliveryResult> {
    const sender = this.senders[channel];
    if (!sender) return 'no-channel';
    const { claim, payload } = await this.bookkeeping.claim(alertId, channel);
    if (claim === 'delivered') return 'already-delivered';
    if (claim === 'in-flight' || payload === undefined) throw new DeliveryInFlight(`预警 ${alertId} 正在投递 / alert ${alertId} is being delivered on ${channel}`);
    try {
      await sender(JSON.parse(payload) as AlertRaisedData, payload);
    } catch (error) {
      await this.bookkeeping.release(alertId, channel, String((error as Error).message ?? error));
      throw error;
    }
    await this.bookkeeping.delivered(alertId, channel);
    return 'sent';
  }
}
