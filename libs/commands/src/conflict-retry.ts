import { WrongExpectedRevision } from '@bem/event-store';

/** Generous: several processes paying into one project may each lose a few races (drill: 4 writers × 300 payments). */
const MAX_ATTEMPTS = 50;
/** Jittered back-off between attempts, so racing writers spread out instead of colliding again. */
const backOff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 2 ** attempt)));

/**
 * The handler's one retry: an attempt (read, fold, decide, append at the expected revisions) that lost a race to
 * another writer is run again on what is stored now. Any other error, or the last attempt's conflict, is thrown.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>): Promise<T> {
  for (let count = 1; ; count++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision) || count >= MAX_ATTEMPTS) throw error;
      await backOff(count);
    }
  }
}
