import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresServer, postgresTestsEnabled } from '../../../../test/support/postgres-server';
import { newEvents, sleep } from '../contract/helpers';
import { describeEventStoreContract } from '../event-store.contract';
import { openEventStore } from '../index';
import { PostgresEventStore } from './postgres-event-store';

// Never skipped under CI=true: a server that cannot start there fails the suite in beforeAll.
describe.runIf(postgresTestsEnabled())('PostgresEventStore on a real server', () => {
  let server: PostgresServer;
  let schemas = 0;
  const freshUrl = (): string => server.schemaUrl(`t${process.pid}_${++schemas}`);
  beforeAll(async () => {
    server = await PostgresServer.start();
  });
  afterAll(() => server?.stop());

  describeEventStoreContract('postgres', async () => PostgresEventStore.connect(freshUrl()), { transactions: true, replay: true });

  it('is what openEventStore gives for postgres:// and postgresql:// URLs', async () => {
    for (const url of [freshUrl(), freshUrl().replace(/^postgres:/, 'postgresql:')]) {
      const store = openEventStore(url);
      expect(store).toBeInstanceOf(PostgresEventStore);
      expect(await store.headPosition()).toBe(0);
      await store.close();
    }
  });

  it('runs the migrations once when several instances start together on an empty schema', async () => {
    const url = freshUrl();
    const stores = Array.from({ length: 5 }, () => PostgresEventStore.connect(url));
    await Promise.all(stores.map((store, i) => store.append(`s${i}`, newEvents(2))));
    const probe = new (await import('pg')).Client(url.replace(/\?.*$/, ''));
    await probe.connect();
    const { rows } = await probe.query(`SELECT version FROM t${process.pid}_${schemas}.schema_version ORDER BY version`);
    await probe.end();
    expect(rows.map((row) => row.version)).toEqual([1]);
    expect(await stores[0].headPosition()).toBe(10);
    await Promise.all(stores.map((store) => store.close()));
  });

  it('wakes a subscription of another instance through LISTEN/NOTIFY, well before its polling floor', async () => {
    const url = freshUrl();
    const [writer, reader] = [PostgresEventStore.connect(url), PostgresEventStore.connect(url)];
    const seen: number[] = [];
    const subscription = reader.subscribe((events) => void seen.push(...events.map((event) => event.position)));
    await subscription.caughtUp();
    await sleep(400); // the reader's poll has gone idle; its LISTEN connection is up
    const started = Date.now();
    await writer.append('a', newEvents(3));
    while (seen.length < 3 && Date.now() - started < 2000) await sleep(5);
    expect(seen).toEqual([1, 2, 3]);
    expect(Date.now() - started).toBeLessThan(200);
    await Promise.all([writer.close(), reader.close()]);
  });

  it('keeps the global order a catch-up reads gapless while many connections append at once', async () => {
    const url = freshUrl();
    const writers = Array.from({ length: 6 }, () => PostgresEventStore.connect(url));
    const reader = PostgresEventStore.connect(url);
    const seen: number[] = [];
    const subscription = reader.subscribe((events) => void seen.push(...events.map((event) => event.position)), { batchSize: 7 });
    await Promise.all(writers.map(async (writer, w) => {
      for (let i = 0; i < 40; i++) await writer.append(`w${w}-${i % 3}`, newEvents(1 + (i % 4)));
    }));
    await subscription.caughtUp();
    const total = 6 * (10 * (1 + 2 + 3 + 4));
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    await Promise.all([...writers, reader].map((store) => store.close()));
  });
});
