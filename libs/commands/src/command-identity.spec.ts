import { v5 as uuidv5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { EVENT_ID_NAMESPACE, eventIdFor } from './command-identity';

describe('event ids derived from command ids', () => {
  it.each(['c-0001', 'kf-0036', '命令-一', 'x'.repeat(200)])('is the RFC 4122 v5 uuid of "%s#i"', (commandId) => {
    expect(eventIdFor(commandId, 0)).toBe(uuidv5(`${commandId}#0`, EVENT_ID_NAMESPACE));
    expect(eventIdFor(commandId, 3)).toBe(uuidv5(`${commandId}#3`, EVENT_ID_NAMESPACE));
  });

  it('differs per command and per index', () => {
    expect(new Set([eventIdFor('a', 0), eventIdFor('a', 1), eventIdFor('b', 0)]).size).toBe(3);
  });
});
