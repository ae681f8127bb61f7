import { createHmac } from 'node:crypto';
import { nameBasedIds } from '@bem/event-store';
import type { AlertRaisedData } from '@bem/monitoring';
import type { Transporter } from 'nodemailer';
import type { AlertOutbox } from './alert-outbox';

/** Delivers one alert on one channel; throws to be retried. Must be safe to call again after a failure. */
export type ChannelSender = (alert: AlertRaisedData, body: string) => Promise<void>;

export const SIGNATURE_HEADER = 'X-BEM-Signature';
export const ALERT_ID_HEADER = 'X-BEM-Alert-Id';
/** The same on every attempt of one (alert, channel): a receiver dedupes by it (delivery is at-least-once). */
export const DELIVERY_ID_HEADER = 'X-BEM-Delivery-Id';

const deliveryIds = nameBasedIds('5d1f7c2a-9e43-4b8e-a6f0-3c2b1d9e7a41');
/** The stable delivery id of one alert on one channel. */
export const deliveryIdOf = (alertId: string, channel: string): string => deliveryIds(`delivery/${channel}/${alertId}`);

/** A webhook channel never sends unsigned: no secret, no start. */
export class MissingWebhookSecret extends Error {
  constructor() {
    super('已设置 BEM_WEBHOOK_URL 但未设置 BEM_WEBHOOK_SECRET：webhook 通道拒绝启动（不发送未签名的预警）。/ BEM_WEBHOOK_URL is set without BEM_WEBHOOK_SECRET: the webhook channel refuses to start (it never sends unsigned alerts).');
  }
}

/** sha256=<hex> HMAC of the raw body. */
export const signBody = (secret: string, body: string): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export const inboxSender = (outbox: AlertOutbox): ChannelSender => async (alert, body) => {
  outbox.addToInbox(alert.alertId, alert.departmentCode, alert.fiscalYear, body);
};

export function webhookSender(url: string, secret: string, timeoutMs = 10_000): ChannelSender {
  if (!secret) throw new MissingWebhookSecret();
  return async (alert, body) => {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(secret, body), [ALERT_ID_HEADER]: alert.alertId, [DELIVERY_ID_HEADER]: deliveryIdOf(alert.alertId, 'webhook') },
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`webhook 返回 ${response.status} / webhook answered ${response.status}`);
  };
}

export function emailSender(transport: Transporter, from: string, to: string): ChannelSender {
  return async (alert) => {
    const level = alert.severity === 'red' ? '红色预警' : '黄色预警';
    await transport.sendMail({
      from,
      to,
      subject: `[${level}] ${alert.departmentCode} ${alert.fiscalYear} ${alert.rule} ${alert.checkpoint ?? ''}`.trim(),
      text: [alert.message.zh, alert.message.en, '', `请于 ${alert.deadline} 前处置（继续执行 / 调剂 / 取消）/ answer by ${alert.deadline}`, '', JSON.stringify(alert.figures, null, 2)].join('\n'),
      headers: { [ALERT_ID_HEADER]: alert.alertId, [DELIVERY_ID_HEADER]: deliveryIdOf(alert.alertId, 'email') },
      messageId: `<${alert.alertId}@bem.local>`,
    });
  };
}
