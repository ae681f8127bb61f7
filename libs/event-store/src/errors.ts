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

/** A store spec that names no store this product can open (`http://…`, `mysql://…`, an empty path): a usage error. */
export class InvalidStoreSpec extends EventStoreError {
  readonly code = 'INVALID_STORE_SPEC';
  constructor(
    readonly spec: string,
    reason: { zh: string; en: string },
  ) {
    super(`无法识别的事件库地址 ${JSON.stringify(spec)}：${reason.zh} / unknown event store spec ${JSON.stringify(spec)}: ${reason.en}`);
  }
}

/** A store that must already exist (a read command) does not: nothing was created. */
export class StoreNotFound extends EventStoreError {
  readonly code = 'STORE_NOT_FOUND';
  constructor(readonly location: string) {
    super(`事件库不存在：${location}（只有 bem import 会新建事件库）/ event store not found: ${location} (only bem import creates a store)`);
  }
}
