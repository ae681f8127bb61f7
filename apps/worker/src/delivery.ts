import type { AlertRaisedData } from '@bem/monitoring';
import type { AlertOutbox, Channel } from './alert-outbox';
import type { ChannelSender } from './channels';

export class DeliveryInFlight extends Error {}

export type DeliveryResult = 'sent' | 'already-delivered' | 'no-channel';

/**
 * The alert delivery processor, the same with BullMQ or in-process: claim the (alert, channel) in the
 * durable outbox, send, mark delivered. A retry of a delivered alert sends nothing.
 */
export class AlertDelivery {
  constructor(
    private readonly outbox: AlertOutbox,
    private readonly senders: Partial<Record<Channel, ChannelSender>>,
  ) {}

  get channels(): Channel[] {
    return Object.keys(this.senders) as Channel[];
  }

  async process(alertId: string, channel: Channel): Promise<DeliveryResult> {
    const sender = this.senders[channel];
    if (!sender) return 'no-channel';
    const claim = this.outbox.claim(alertId, channel);
    if (claim === 'delivered') return 'already-delivered';
    if (claim === 'in-flight') throw new DeliveryInFlight(`预警 ${alertId} 正在投递 / alert ${alertId} is being delivered on ${channel}`);
    const body = this.outbox.payload(alertId, channel)!;
    try {
      await sender(JSON.parse(body) as AlertRaisedData, body);
    } catch (error) {
      this.outbox.release(alertId, channel, String((error as Error).message ?? error));
      throw error;
    }
    this.outbox.markDelivered(alertId, channel);
    return 'sent';
  }
}
