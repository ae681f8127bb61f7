import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { caught, newEvent, newEvents, oneTo, sleep } from '../contract/helpers';
import { WrongExpectedRevision } from '../errors';
import { describeEventStoreContract } from '../event-store.contract';
import { openEventStore } from '../index';
import { SqliteEventStore } from './sqlite-event-store';

const dir = mkdtempSync(join(tmpdir(), 'bem-event-store-'));
let files = 0;
const freshFile = (): string => join(dir, `store-${++files}.sqlite`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEventStoreContract('sqlite file', async () => SqliteEventStore.open(freshFile()), { transactions: true, replay: true, companionDatabase: true });

describe('SqliteEventStore', () => {
  it('creates the parent folder and sets the pragmas', async () => {
    const file = join(dir, 'nested', 'deeper', 'events.sqlite');
    const store = SqliteEventStore.open(file);
    expect(existsSync(file)).toBe(true);
    const pragma = (name: string): unknown => store.db.pragma(name, { simple: true });
    expect([pragma('journal_mode'), pragma('synchronous'), pragma('foreign_keys'), pragma('busy_timeout')]).toEqual(['wal', 2, 1, 5000]);
    await store.close();
    expect(store.db.open).toBe(false);
  });

  it('keeps events across reopening and continues positions', async () => {
    const file = freshFile();
    const first = SqliteEventStore.open(file);
    await first.append('a', newEvents(3));
    await first.close();
    const second = openEventStore(`sqlite:${file}`);
    expect(second).toBeInstanceOf(SqliteEventStore);
    expect(await second.append('a', newEvents(1), { expectedRevision: 2 })).toMatchObject({ nextRevision: 3, position: 4 });
    expect((await second.readAll()).map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2, 0]);
    await second.close();
  });

  it('transaction() lets a read model update its own table atomically in the same file', async () => {
    const store = SqliteEventStore.open(':memory:');
    store.db.exec('CREATE TABLE checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL)');
    const save = store.db.prepare<[string, number]>('INSERT OR REPLACE INTO checkpoints (name, position) VALUES (?, ?)');
    store.transaction(() => save.run('totals', 1));
    expect(() =>
      store.transaction(() => {
        save.run('totals', 2);
        throw new Error('projection failed');
      }),
    ).toThrow('projection failed');
    expect(store.db.prepare('SELECT position FROM checkpoints').pluck().get()).toBe(1);
    await store.close();
  });

  it('two connections on one file see each other through subscriptions; exact revisions let one writer win', async () => {
    const file = freshFile();
    const a = SqliteEventStore.open(file);
    const b = SqliteEventStore.open(file);
    const seenByB: number[] = [];
    const subscription = b.subscribe((events) => void seenByB.push(...events.map((e) => e.position)));

    await sleep(30); // b's subscription has read the empty store and sleeps: only its polling can see a's appends
    await a.append('a', newEvents(20));
    for (let round = 0; round < 40 && seenByB.length < 20; round += 1) await sleep(10);
    expect(seenByB).toEqual(oneTo(20));

    const outcomes = await Promise.allSettled([
      a.append('contested', newEvents(1), { expectedRevision: -1 }),
      b.append('contested', newEvents(1), { expectedRevision: -1 }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected');
    expect(refused?.status === 'rejected' ? refused.reason : undefined).toBeInstanceOf(WrongExpectedRevision);
    expect(await b.readStream('contested')).toHaveLength(1);

    await subscription.caughtUp();
    expect(seenByB).toEqual(oneTo(21));
    await subscription.stop();
    await Promise.all([a.close(), b.close()]);
  });

  it('serialises appends of two other processes: no lost update, no gap, seen live in order', async () => {
    const file = freshFile();
    const store = SqliteEventStore.open(file);
    const seen: number[] = [];
    const subscription = store.subscribe((events) => void seen.push(...events.map((e) => e.position)));
    const script = join(__dirname, 'test-support', 'append-process.ts');
    const run = promisify(execFile);
    const count = 150;
    const children = ['p1', 'p2'].map((name) =>
      run(process.execPath, ['--import', 'tsx', script, file, name, String(count)], { cwd: process.cwd() }),
    );
    const outputs = await Promise.all(children);
    const conflicts = outputs.map((o) => (JSON.parse(o.stdout) as { conflicts: number }).conflicts);

    const total = 4 * count;
    expect(await store.headPosition()).toBe(total);
    const shared = await store.readStream('shared');
    expect(shared.map((e) => e.revision)).toEqual(oneTo(2 * count).map((n) => n - 1));
    for (const name of ['p1', 'p2']) {
      const own = await store.readStream(`own-${name}`);
      expect(own.map((e) => (e.data as { i: number }).i)).toEqual(oneTo(count).map((n) => n - 1));
    }
    await subscription.caughtUp();
    expect(seen).toEqual(oneTo(total));
    expect(conflicts.every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
    await store.close();
  }, 60_000);

  it('refuses to subscribe after close', async () => {
    const store = SqliteEventStore.open(':memory:');
    await store.close();
    expect(() => store.subscribe(() => undefined)).toThrow(/closed/);
    expect(await caught(store.readAll())).toBeInstanceOf(Error);
  });
});

describe('SqliteEventStore.withinTransaction: one write transaction across calls', () => {
  it('commits every append made inside at the end, and other connections see none of them before', async () => {
    const file = freshFile();
    const store = SqliteEventStore.open(file);
    const other = SqliteEventStore.open(file);
    const seenOutside: number[] = [];
    await store.withinTransaction(async () => {
      await store.append('a', newEvents(2), { expectedRevision: 'no_stream' });
      await store.append('a', newEvents(1, 'b'), { expectedRevision: 1 });
      expect((await store.readStream('a')).length).toBe(3);
      seenOutside.push(await other.headPosition());
    });
    expect(seenOutside).toEqual([0]);
    expect(await other.headPosition()).toBe(3);
    await Promise.all([store.close(), other.close()]);
  });

  it('rolls back everything when fn rejects, and an append made later starts from what was committed', async () => {
    const store = SqliteEventStore.open(freshFile());
    await store.append('a', newEvents(1));
    const error = await caught(
      store.withinTransaction(async () => {
        await store.append('a', newEvents(2, 'x'), { expectedRevision: 0 });
        throw new Error('refused');
      }),
    );
    expect((error as Error).message).toBe('refused');
    expect(await store.headPosition()).toBe(1);
    expect(await store.append('a', newEvents(1, 'y'), { expectedRevision: 0 })).toMatchObject({ nextRevision: 1, position: 2 });
    await store.close();
  });

  it('recognises ids appended earlier in the same transaction (begun on an empty store): idempotent retry, duplicate id', async () => {
    const store = SqliteEventStore.open(freshFile());
    await store.withinTransaction(async () => {
      const events = newEvents(2);
      const first = await store.append('a', events);
      expect(await store.append('a', events)).toMatchObject({ written: false, position: first.position });
      expect([...(await store.findEvents(events.map((event) => event.id))).keys()].sort()).toEqual(events.map((event) => event.id).sort());
      const reused = [{ ...events[0], data: { other: true } }];
      expect(await caught(store.append('b', reused))).toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
    });
    expect(await store.headPosition()).toBe(2);
    await store.close();
  });

  it('keeps an append all or nothing without a savepoint: an insert failing part way leaves only a rollback', async () => {
    const store = SqliteEventStore.open(freshFile());
    store.db.exec("CREATE TRIGGER boom BEFORE INSERT ON events WHEN NEW.type = 'Boom' BEGIN SELECT RAISE(ABORT, 'boom'); END");
    const error = await caught(
      store.withinTransaction(async () => {
        await store.append('a', newEvents(1));
        // the first event is inserted, the second fails: the caller swallows the error and carries on
        expect(await caught(store.append('b', [newEvent('Fine'), newEvent('Boom')]))).toMatchObject({ message: 'boom' });
        await store.append('c', newEvents(1));
      }),
    );
    expect((error as Error).message).toBe('boom');
    expect(await store.headPosition()).toBe(0);
    await store.close();
  });

  it('makes callers outside it on the same store wait, and subscriptions see its events once committed', async () => {
    const store = SqliteEventStore.open(freshFile());
    const delivered: number[] = [];
    const subscription = store.subscribe((events) => void delivered.push(...events.map((event) => event.position)));
    let outsideHead = -1;
    let outsideTransaction: unknown;
    // Scheduled from outside the transaction: runs while it is open, in the outside context.
    setTimeout(() => {
      try {
        store.transaction(() => 1);
      } catch (error) {
        outsideTransaction = error;
      }
      void store.headPosition().then((head) => (outsideHead = head));
    }, 30);
    await store.withinTransaction(async () => {
      await store.append('a', newEvents(2));
      await sleep(150); // longer than the subscription's poll
      expect(delivered).toEqual([]);
      expect(outsideHead).toBe(-1);
      expect((outsideTransaction as Error).message).toMatch(/busy/);
      expect(await store.headPosition()).toBe(2); // inside: its own writes
    });
    await subscription.caughtUp();
    await sleep(10);
    expect(outsideHead).toBe(2);
    expect(delivered).toEqual([1, 2]);
    await store.close();
  });
});
