/**
 * One paying process of the concurrency drill: `tsx test/drills/pay-worker.ts <store> <projectId> <worker> <count> <seed> <startAt>`.
 * Waits until `startAt` (epoch ms) so every worker starts together, then sends `count` single RecordPayment
 * commands through the CommandHandler over the shared sqlite file, one at a time, and prints one JSON line:
 * every payment it sent with its amount and outcome (accepted with its event id, or rejected with the error code).
 */
import { CommandHandler } from '@bem/commands';
import { DomainError, type LedgerCommand } from '@bem/domain';
import { openEventStore } from '@bem/event-store';
import { prng } from './support';

export interface PaymentAttempt {
  commandId: string;
  paymentId: string;
  amount: string;
  outcome: 'accepted' | 'rejected' | 'error';
  code?: string;
  eventIds?: string[];
  message?: string;
}

async function main() {
  const [store, projectId, worker, count, seed, startAt] = process.argv.slice(2);
  const random = prng(Number(seed));
  const events = await openEventStore(store);
  const handler = new CommandHandler(events);
  const attempts: PaymentAttempt[] = [];
  while (Date.now() < Number(startAt)) await new Promise((resolve) => setTimeout(resolve, 5));
  for (let i = 0; i < Number(count); i++) {
    const fen = 100 + Math.floor(random() * 20_000);
    const amount = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
    const commandId = `drill-w${worker}-${i}`;
    const paymentId = `pay-w${worker}-${i}`;
    const command = { command: 'RecordPayment', id: commandId, projectId, paymentId, occurredOn: '2025-06-01', amount, economicCode: '30201' } as unknown as LedgerCommand;
    try {
      const outcome = await handler.handle(command, { actor: `worker-${worker}`, source: 'drill' });
      attempts.push({ commandId, paymentId, amount, outcome: 'accepted', eventIds: outcome.eventIds });
    } catch (error) {
      if (error instanceof DomainError) attempts.push({ commandId, paymentId, amount, outcome: 'rejected', code: error.code });
      else attempts.push({ commandId, paymentId, amount, outcome: 'error', message: `${(error as Error).name}: ${(error as Error).message}` });
    }
  }
  await events.close();
  process.stdout.write(`${JSON.stringify({ worker, attempts })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
