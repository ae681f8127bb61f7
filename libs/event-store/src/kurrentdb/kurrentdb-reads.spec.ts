import { createServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newEvents } from '../contract/helpers';
import { kurrentClient } from './kurrentdb-client';
import { KurrentDbEventStore } from './kurrentdb-event-store';

/**
 * What the adapter asks of the server, seen on the real client's call surface (spies that call through, no
 * mock). No KurrentDB server exists on these machines, so the client points at a closed port: every call it
 * makes fails with UnavailableError, and the test checks which calls were made before that — a first write and
 * a lookup read only the streams concerned, never $all (the old whole-log id index read all of it there).
 * What the server answers is the contract suite's job (kurrentdb-event-store.spec.ts, with a server).
 */
describe('KurrentDB adapter: reads at a first write and a lookup (real client, no server)', () => {
  let store: KurrentDbEventStore | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  async function unreachableClient() {
    const port = await closedPort();
    const client = kurrentClient().KurrentDBClient.connectionString(`kurrentdb://127.0.0.1:${port}?tls=false&maxDiscoverAttempts=1`);
    const calls = {
      readAll: vi.spyOn(client, 'readAll'),
      readStream: vi.spyOn(client, 'readStream'),
      subscribeToAll: vi.spyOn(client, 'subscribeToAll'),
      appendToStream: vi.spyOn(client, 'appendToStream'),
    };
    store = new KurrentDbEventStore(client, { namespace: 'ns-' });
    return { store, calls };
  }

  it('a first write reads the streams it writes (each once) and nothing of $all', async () => {
    const { store, calls } = await unreachableClient();
    const error = await store.appendMany([
      { stream: 'project-a', events: newEvents(2) },
      { stream: 'project-b', events: newEvents(1) },
      { stream: 'project-a', events: newEvents(1, 'Counted', 2) },
    ]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(kurrentClient().UnavailableError);
    expect(calls.readStream.mock.calls.map(([stream]) => stream).sort()).toEqual(['ns-project-a', 'ns-project-b']);
    expect(calls.readAll).not.toHaveBeenCalled();
    expect(calls.subscribeToAll).not.toHaveBeenCalled();
    expect(calls.appendToStream).not.toHaveBeenCalled();
  });

  it('findEvents reads the streams named (each once) and nothing of $all; no ids, no read', async () => {
    const { store, calls } = await unreachableClient();
    const ids = newEvents(3).map((event) => event.id);
    expect(await store.findEvents([], { streams: ['project-a'] })).toEqual(new Map());
    expect(calls.readStream).not.toHaveBeenCalled();
    await expect(store.findEvents(ids, { streams: ['department-x', 'project-a', 'department-x'] })).rejects.toBeInstanceOf(kurrentClient().UnavailableError);
    expect(calls.readStream.mock.calls.map(([stream]) => stream).sort()).toEqual(['ns-department-x', 'ns-project-a']);
    expect(calls.readAll).not.toHaveBeenCalled();
  });
});

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
