import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { nameBasedIds } from '@bem/event-store';
import type { AlertRaisedData } from '@bem/monitoring';
import type { Transporter } from 'nodemailer';

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

/**
 * POSTs each alert, signed, over keep-alive connections (node:http / node:https: about three times the requests per
 * second of fetch on the same machine). A non-2xx answer or a timeout throws, so the delivery is retried.
 */
export function webhookSender(url: string, secret: string, timeoutMs = 10_000): ChannelSender {
  if (!secret) throw new MissingWebhookSecret();
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  const agent = new transport.Agent({ keepAlive: true, maxSockets: 64 });
  return (alert, body) =>
    new Promise<void>((done, fail) => {
      const headers = {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        [SIGNATURE_HEADER]: signBody(secret, body),
        [ALERT_ID_HEADER]: alert.alertId,
        [DELIVERY_ID_HEADER]: deliveryIdOf(alert.alertId, 'webhook'),
      };
      const request = transport.request(target, { method: 'POST', agent, headers, timeout: timeoutMs }, (response) => {
        response.resume();
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) done();
          else fail(new Error(`webhook 返回 ${status} / webhook answered ${status}`));
        });
        response.on('error', fail);
      });
      request.on('timeout', () => request.destroy(new Error(`webhook ${timeoutMs} ms 未应答 / webhook timed out after ${timeoutMs} ms`)));
      request.on('error', fail);
      request.end(body);
    });
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
