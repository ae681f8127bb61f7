import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresServer, postgresTestsEnabled } from '../../../../test/support/postgres-server';
import { Client } from 'pg';
import { caught, newEvent, newEvents, sleep } from '../contract/helpers';
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
    const probe = new Client(url.replace(/\?.*$/, ''));
    await probe.connect();
    const { rows } = await probe.query(`SELECT version FROM t${process.pid}_${schemas}.schema_version ORDER BY version`);
    await probe.end();
    expect(rows.map((row) => row.version)).toEqual([1]);
    expect(await stores[0].headPosition()).toBe(10);
    await Promise.all(stores.map((store) => store.close()));
  });

  it('withinTransaction: an INSERT failing on the server (sent ahead of its append\'s result) rolls everything back', async () => {
    const url = freshUrl();
    const store = PostgresEventStore.connect(url);
    await store.headPosition(); // the schema exists
    const schema = new URL(url).searchParams.get('schema');
    const admin = new Client(server.url);
    await admin.connect();
    await admin.query(`CREATE FUNCTION ${schema}.boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$`);
    await admin.query(`CREATE TRIGGER boom BEFORE INSERT ON ${schema}.events FOR EACH ROW WHEN (NEW.type = 'Boom') EXECUTE FUNCTION ${schema}.boom()`);
    await admin.end();
    const error = await caught(
      store.withinTransaction(async () => {
        await store.append('a', newEvents(2));
        await store.append('b', [newEvent('Fine'), newEvent('Boom')]).catch(() => undefined);
        await store.append('c', newEvents(1)).catch(() => undefined);
      }),
    );
    expect((error as Error).message).toMatch(/boom/);
    expect(await store.headPosition()).toBe(0);
    // The calls after it fail as "transaction aborted": the INSERT's error is what the transaction throws
    const afterwards = await caught(
      store.withinTransaction(async () => {
        for (let i = 0; i < 6; i++) await store.append(`s${i}`, i === 1 ? [newEvent('Boom')] : newEvents(3));
        await store.readStream('s0');
      }),
    );
    expect((afterwards as Error).message).toMatch(/boom/);
    expect(await store.headPosition()).toBe(0);
    expect(await store.append('a', newEvents(1), { expectedRevision: 'no_stream' })).toMatchObject({ position: 1, written: true });
    await store.close();
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
