import { MemoryEventStore, SqliteEventStore } from '@bem/event-store';
import { describe, expect, it } from 'vitest';
import { CheckpointService } from '../checkpoints/checkpoint-service';
import { fixturePath, importCommands, ledgerCommands } from '../checkpoints/spec-support';
import { MemoryProgressReadModel } from '@bem/read-models';
import { ProgressProjection } from '@bem/read-models';
import { readProjectEvents } from './project-events';

describe('readProjectEvents', () => {
  it('reads the same fact events, in stream order, from sqlite (one query per 500 projects) as from any store', async () => {
    const commands = ledgerCommands(fixturePath('sichuan-2020.jsonl'));
    const sqlite = SqliteEventStore.open(':memory:');
    const memory = new MemoryEventStore();
    await importCommands(sqlite, commands);
    await importCommands(memory, commands);
    const facts = await new CheckpointService(memory, new ProgressProjection(memory, new MemoryProgressReadModel())).projectFacts('sc-ybj', 2020);
    const ids = [...facts.map((project) => project.projectId), 'no-such-project'];
    const fromSqlite = await readProjectEvents(sqlite, ids);
    const fromMemory = await readProjectEvents(memory, ids);
    expect([...fromSqlite.keys()]).toEqual(ids);
    expect(Object.fromEntries(fromSqlite)).toEqual(Object.fromEntries([...fromMemory].map(([id, events]) => [id, events.map(({ type, data }) => ({ type, data }))])));
    expect([...fromSqlite.values()].flat().length).toBeGreaterThan(20);
    expect(fromSqlite.get('no-such-project')).toEqual([]);
    await sqlite.close();
  });
});
