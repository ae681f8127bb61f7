import type * as KurrentDbClientLibrary from '@kurrent/kurrentdb-client';

let library: typeof KurrentDbClientLibrary | undefined;

/**
 * @kurrent/kurrentdb-client, loaded at first use. It brings gRPC and a native bridge (about 0.2 s to
 * load): every `bem` call on a sqlite store would pay for it if the adapter imported it eagerly.
 */
export function kurrentClient(): typeof KurrentDbClientLibrary {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  library ??= require('@kurrent/kurrentdb-client') as typeof KurrentDbClientLibrary;
  return library;
}
