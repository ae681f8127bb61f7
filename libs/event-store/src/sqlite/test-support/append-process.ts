/**
 * Test helper run as a separate Node process (`node --import tsx append-process.ts <file> <name> <count>`):
 * appends `count` events to the shared stream `shared` with exact expected revisions (re-reading and
 * retrying on conflict) and `count` events to its own stream `own-<name>` in small appendMany batches.
 * Prints `{"conflicts": n}` when done.
 */
import { v4 as uuidv4 } from 'uuid';
import { WrongExpectedRevision } from '../../errors';
import { SqliteEventStore } from '../sqlite-event-store';

async function main(): Promise<void> {
  const [file, name, countText] = process.argv.slice(2);
  const count = Number(countText);
  const store = SqliteEventStore.open(file);
  let conflicts = 0;
  for (let i = 0; i < count; i += 1) {
    for (;;) {
      const revision = await store.streamRevision('shared');
      try {
        await store.appendMany([
          { stream: 'shared', events: [{ id: uuidv4(), type: 'Shared', data: { name, i } }], expectedRevision: revision },
          { stream: `own-${name}`, events: [{ id: uuidv4(), type: 'Own', data: { i } }], expectedRevision: i - 1 },
        ]);
        break;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision) || error.stream !== 'shared') throw error;
        conflicts += 1;
      }
    }
    if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await store.close();
  process.stdout.write(JSON.stringify({ conflicts }));
}

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? error.stack : error));
  process.exit(1);
});
