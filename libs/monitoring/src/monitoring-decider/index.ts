export * from './monitoring-state';
export * from './alert-answers';
export * from './checkpoint-decision';
export * from './monitoring-decider';
