import { describe } from 'vitest';
import { appendContract } from './contract/append.contract';
import { capabilitiesContract } from './contract/capabilities.contract';
import type { ContractOptions, MakeStore } from './contract/helpers';
import { idempotencyContract } from './contract/idempotency.contract';
import { readContract } from './contract/read.contract';
import { subscribeContract } from './contract/subscribe.contract';

/**
 * The behaviour every EventStore adapter must show (the port's contract). Each adapter's spec runs
 * it with a factory giving a fresh, empty store per test; the suite closes each store after its test.
 * `options` says what the adapter promises beyond the port (dense positions: sqlite and memory).
 */
export function describeEventStoreContract(name: string, makeStore: MakeStore, options: ContractOptions = {}): void {
  describe(`EventStore contract: ${name}`, () => {
    appendContract(makeStore, options);
    idempotencyContract(makeStore, options);
    readContract(makeStore, options);
    subscribeContract(makeStore, options);
    capabilitiesContract(makeStore, options);
  });
}
