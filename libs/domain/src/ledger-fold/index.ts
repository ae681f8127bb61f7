export * from './movement';
export * from './project-ledger';
export * from './fold';
export * from './fund-attribution';
export * from './fund-rows';
