export * from './command-handler';
export * from './command-identity';
export * from './outcomes';
export * from './command-stream';
export * from './handler-options';
export type { DecidedEvent, DeciderOutcome, DeciderRun, StreamDecider, StreamDecision } from './stream-decider';
