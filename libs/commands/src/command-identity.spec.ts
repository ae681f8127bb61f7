import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCommand } from '@bem/domain';
import { MemoryEventStore } from '@bem/event-store';
import { v5 as uuidv5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { CommandHandler } from './command-handler';
import { EVENT_ID_NAMESPACE, commandHash, eventIdFor, firstEventsWhere, identify } from './command-identity';

describe('event ids derived from command ids', () => {
  it.each(['c-0001', 'kf-0036', '命令-一', 'x'.repeat(200)])('is the RFC 4122 v5 uuid of "%s#i"', (commandId) => {
    expect(eventIdFor(commandId, 0)).toBe(uuidv5(`${commandId}#0`, EVENT_ID_NAMESPACE));
    expect(eventIdFor(commandId, 3)).toBe(uuidv5(`${commandId}#3`, EVENT_ID_NAMESPACE));
  });

  it('differs per command and per index', () => {
    expect(new Set([eventIdFor('a', 0), eventIdFor('a', 1), eventIdFor('b', 0)]).size).toBe(3);
  });
});

describe('the content hash of a command', () => {
  it('is the first 32 base64url characters of the sha256 of its JSON text (Chinese text included)', () => {
    const command = parseCommand({ command: 'RegisterDepartment', id: 'c-1', departmentCode: 'dep-1', name: '第一部门' });
    if (!command.ok) throw new Error('fixture command invalid');
    const expected = createHash('sha256').update(JSON.stringify(command.command)).digest('base64url').slice(0, 32);
    expect(commandHash(command.command)).toBe(expected);
    expect(commandHash({ ...command.command, id: 'c-2' })).not.toBe(expected);
  });
});

describe('the streams of a command (where findEvents looks for its first event: KurrentDB reads only those)', () => {
  const fixtures = ['sichuan-2020.jsonl', 'kaifu-2020.jsonl', 'xihu-2022.jsonl', 'leshan-program.jsonl', 'tangxi-2022.jsonl'];
  it.each(fixtures)('name the stream each command of %s wrote its first event to', async (fixture) => {
    const commands = readFileSync(resolve(__dirname, '../../../test/fixtures', fixture), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const parsed = parseCommand(JSON.parse(line));
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
        return parsed.command;
      });
    const store = new MemoryEventStore();
    expect((await new CommandHandler(store).handleBatch(commands, { source: 'test' })).rejected).toEqual([]);
    const identities = commands.map(identify);
    const stored = await store.findEvents(identities.map((identity) => identity.firstEventId), firstEventsWhere(identities));
    expect(stored.size).toBeGreaterThan(commands.length / 2);
    const kinds = new Set<string>();
    identities.forEach((identity, i) => {
      const first = stored.get(identity.firstEventId);
      if (!first) return; // a command that decided no event
      kinds.add(commands[i].command);
      expect({ command: commands[i].id, stream: first.stream, named: identity.streams.includes(first.stream) }).toEqual({ command: commands[i].id, stream: first.stream, named: true });
    });
    expect(kinds.size).toBeGreaterThan(3);
  });
});
