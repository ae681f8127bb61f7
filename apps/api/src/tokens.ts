/** Nest injection tokens: tsx emits no decorator metadata, so every constructor parameter names its token. */
export const API_RUNTIME = Symbol('ApiRuntime');
export const API_LOGGER = Symbol('ApiLogger');
