import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newEvents } from '../contract/helpers';
import { describeEventStoreContract } from '../event-store.contract';
import { openEventStore } from '../index';
import { KurrentDbEventStore } from './kurrentdb-event-store';

/**
 * The contract suite against a real KurrentDB server. There is no server on developer machines or in
 * CI by default, so it runs only when BEM_EVENTSTORE_URL names one (see README.md in this folder):
 *   BEM_EVENTSTORE_URL='kurrentdb://localhost:2113?tls=false' npx vitest run libs/event-store
 * Never replaced by a mock: a mock would only test our idea of the server.
 * Each test gets its own stream namespace, so the suite needs no empty server and leaves others' data alone.
 */
const url = process.env.BEM_EVENTSTORE_URL ?? '';
const hasServer = /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\//i.test(url);

describe.skipIf(!hasServer)('KurrentDB adapter (skipped: set BEM_EVENTSTORE_URL=kurrentdb://… of a running KurrentDB server to run it)', () => {
  const fresh = () => KurrentDbEventStore.connect(url, { namespace: `bem-contract-${randomUUID()}-` });

  describeEventStoreContract('kurrentdb', async () => fresh(), { densePositions: false, idsAcrossStreams: false });

  it('is what openEventStore gives for the URL', async () => {
    const store = openEventStore(url);
    expect(store).toBeInstanceOf(KurrentDbEventStore);
    await store.headPosition();
    await store.close();
  });

  it('sees appends of another client (another api instance) through its subscription', async () => {
    const namespace = `bem-contract-${randomUUID()}-`;
    const a = KurrentDbEventStore.connect(url, { namespace });
    const b = KurrentDbEventStore.connect(url, { namespace });
    const seen: string[] = [];
    const subscription = b.subscribe((events) => void seen.push(...events.map((e) => e.id)));
    const events = newEvents(25);
    await a.append('project-x', events, { expectedRevision: 'no_stream' });
    await subscription.caughtUp();
    expect(seen).toEqual(events.map((e) => e.id));
    expect((await b.findEvents([events[3].id], { streams: ['project-x'] })).get(events[3].id)).toMatchObject({ stream: 'project-x', revision: 3 });
    await Promise.all([a.close(), b.close()]);
  });
});
