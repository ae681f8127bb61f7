import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CommandHandler } from '@bem/commands';
import { type LedgerCommand, parseCommand } from '@bem/domain';
import { type EventStore, MemoryEventStore } from '@bem/event-store';
import { MemoryProgressReadModel } from '@bem/read-models';
import { ProgressProjection } from '@bem/read-models';

/** Test support: the repository's fixture ledgers (test/fixtures). */
export const fixturePath = (name: string) => resolve(__dirname, '../../../../test/fixtures', name);

export function ledgerCommands(path: string): LedgerCommand[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = parseCommand(JSON.parse(line));
      if (!parsed.ok) throw new Error(`line ${index + 1}: ${JSON.stringify(parsed.issues)}`);
      return parsed.command;
    });
}

export async function importCommands(store: EventStore, commands: LedgerCommand[]): Promise<void> {
  const result = await new CommandHandler(store).handleBatch(commands, { source: 'test' });
  if (result.rejected.length) throw result.rejected[0].error;
}

/** A memory store holding the fixture ledger, with a progress projection over it. */
export async function storeWithFixture(name: string, options: { open?: boolean } = {}) {
  const store = new MemoryEventStore();
  const commands = ledgerCommands(fixturePath(name));
  // open: leave the year unclosed, so later (backdated) entries are still accepted
  await importCommands(store, options.open ? commands.filter((command) => command.command !== 'CloseProject') : commands);
  return { store, progress: new ProgressProjection(store, new MemoryProgressReadModel()) };
}
