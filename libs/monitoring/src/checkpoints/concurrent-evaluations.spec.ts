import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { monitoringStream } from '@bem/domain';
import { type EventStore, MemoryEventStore, SqliteEventStore } from '@bem/event-store';
import { MemoryProgressReadModel, ProgressProjection } from '@bem/read-models';
import { raisedAlertsOf } from '../alerts/alert-events';
import { findAlert } from '../alerts/alert-index';
import { CheckpointService } from './checkpoint-service';
import type { CheckpointEvaluatedData } from './checkpoint-events';
import { fixturePath, importCommands, ledgerCommands } from './spec-support';

const STREAM = monitoringStream('sc-ybj', 2020);
const NOW = new Date('2021-03-01T02:00:00Z');
const A_MINUTE_LATER = new Date('2021-03-01T02:01:00Z');

/** Holds every append to the monitoring stream until both evaluations have read it: the second one must lose the race. */
class Race {
  reads = 0;
  /** Appends the store refused (a revision conflict, or the other writer's ids already stored). */
  refused = 0;
  private open: () => void = () => undefined;
  readonly bothRead = new Promise<void>((resolve) => (this.open = resolve));

  /** The real store, its reads and appends of the monitoring stream observed. */
  watch(store: EventStore): EventStore {
    const readStream = store.readStream.bind(store);
    const appendMany = store.appendMany.bind(store);
    store.readStream = async (stream, options) => {
      const events = await readStream(stream, options);
      if (stream === STREAM && ++this.reads === 2) this.open();
      return events;
    };
    store.appendMany = async (writes) => {
      if (writes.some((write) => write.stream === STREAM)) await this.bothRead;
      try {
        return await appendMany(writes);
      } catch (error) {
        this.refused++;
        throw error;
      }
    };
    return store;
  }
}

const evaluateWith = (store: EventStore, now: Date) =>
  new CheckpointService(store, new ProgressProjection(store, new MemoryProgressReadModel())).evaluate('sc-ybj', 2020, 'sichuan-2020', { now, actor: `worker-${now.getTime()}` });

async function expectOneEvaluationPerCheckpoint(store: EventStore): Promise<void> {
  const events = await store.readStream(STREAM);
  const evaluations = events.filter((event) => event.type === 'CheckpointEvaluated').map((event) => event.data as CheckpointEvaluatedData);
  expect(evaluations.map((data) => [data.date, data.evaluation])).toEqual([['2020-06-30', 0], ['2020-09-30', 0], ['2020-11-30', 0]]);
  const alerts = events.flatMap(raisedAlertsOf);
  expect(alerts).toHaveLength(15);
  expect(new Set(alerts.map((alert) => alert.alertId)).size).toBe(15);
  for (const alert of alerts) expect(await findAlert(store, alert.alertId)).toEqual(alert);
}

describe('two evaluations of one department at once', () => {
  const opened: EventStore[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });

  it('on the memory store: both decide on the empty stream, the loser is retried by the handler and appends nothing', async () => {
    const store = new MemoryEventStore();
    await importCommands(store, ledgerCommands(fixturePath('sichuan-2020.jsonl')));
    const race = new Race();
    race.watch(store);
    const [first, second] = await Promise.all([evaluateWith(store, NOW), evaluateWith(store, A_MINUTE_LATER)]);
    expect(race.refused).toBeGreaterThanOrEqual(1);
    expect(first.appended.checkpoints + second.appended.checkpoints).toBe(3);
    expect(first.checkpoints.map((row) => row.evaluationId)).toEqual(second.checkpoints.map((row) => row.evaluationId));
    await expectOneEvaluationPerCheckpoint(store);
  });

  it('on one SQLite file through two connections (as two processes hold it)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bem-concurrent-')), 'bem.sqlite');
    const setup = SqliteEventStore.open(file);
    opened.push(setup);
    await importCommands(setup, ledgerCommands(fixturePath('sichuan-2020.jsonl')));
    const race = new Race();
    const one = race.watch(SqliteEventStore.open(file));
    const other = race.watch(SqliteEventStore.open(file));
    opened.push(one, other);
    const reports = await Promise.all([evaluateWith(one, NOW), evaluateWith(other, A_MINUTE_LATER)]);
    expect(race.refused).toBeGreaterThanOrEqual(1);
    expect(reports.reduce((sum, report) => sum + report.appended.checkpoints, 0)).toBe(3);
    await expectOneEvaluationPerCheckpoint(setup);
  });
});
