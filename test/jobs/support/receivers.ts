import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import { SMTPServer } from 'smtp-server';

/**
 * A webhook receiver on 127.0.0.1: checks X-BEM-Signature, counts every request, de-duplicates by X-BEM-Alert-Id
 * and by X-BEM-Delivery-Id (`effects`: what a receiver that dedupes by the delivery id acts on, once each).
 */
export class WebhookReceiver {
  readonly received = new Map<string, number>();
  /** delivery id -> the alert ids it came with (a stable id names one alert only) */
  readonly deliveries = new Map<string, Set<string>>();
  effects = 0;
  /** Wait this long before answering (to be killed mid-delivery) */
  delayMs = 0;
  requests = 0;
  badSignatures = 0;
  /** Answer 500 to the first N requests (to exercise retries) */
  failFirst = 0;
  private server!: Server;
  port = 0;

  constructor(private readonly secret: string) {}

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.requests += 1;
        if (this.failFirst > 0) {
          this.failFirst -= 1;
          response.writeHead(500).end();
          return;
        }
        const body = Buffer.concat(chunks);
        const expected = Buffer.from(`sha256=${createHmac('sha256', this.secret).update(body).digest('hex')}`);
        const given = Buffer.from(String(request.headers['x-bem-signature'] ?? ''));
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
          this.badSignatures += 1;
          response.writeHead(401).end();
          return;
        }
        const id = String(request.headers['x-bem-alert-id']);
        this.received.set(id, (this.received.get(id) ?? 0) + 1);
        const deliveryId = request.headers['x-bem-delivery-id'];
        if (typeof deliveryId === 'string') {
          if (!this.deliveries.has(deliveryId)) this.effects += 1;
          this.deliveries.set(deliveryId, (this.deliveries.get(deliveryId) ?? new Set()).add(id));
        }
        const answer = () => response.writeHead(this.received.get(id)! > 1 ? 200 : 204).end();
        if (this.delayMs > 0) setTimeout(answer, this.delayMs);
        else answer();
      });
    });
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/bem-alerts`;
  }

  get duplicates(): number {
    let extra = 0;
    for (const count of this.received.values()) extra += count - 1;
    return extra;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** An SMTP server on 127.0.0.1 (smtp-server package) keeping the messages it receives. */
export class MailReceiver {
  readonly messages: string[] = [];
  private server!: SMTPServer;
  port = 0;

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, callback) => {
        let text = '';
        stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
        stream.on('end', () => {
          this.messages.push(text);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as { port: number }).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
