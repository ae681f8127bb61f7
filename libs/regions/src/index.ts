export * from './region-index';
export * from './region-progress';
export * from './program-view';
export * from './year-end';
export * from './region-monitoring';
