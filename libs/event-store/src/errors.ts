import type { ExpectedRevision } from './types';

export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** The stream was not at the revision the caller expected: nothing of the batch was written. */
export class WrongExpectedRevision extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: number,
  ) {
    super(
      `流 ${stream} 的版本已变化 / wrong expected revision on ${stream}: expected ${String(expected)}, actual ${actual === -1 ? 'no stream' : actual}`,
    );
  }
}

/** An event id already stored with another payload, or a batch that is only partly stored. */
export class DuplicateEventId extends EventStoreError {
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(
    readonly eventId: string,
    readonly reason: string,
  ) {
    super(`事件编号重复 / duplicate event id ${eventId}: ${reason}`);
  }
}
