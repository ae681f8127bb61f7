export * from './read-ledgers';
export * from './fund-sources';
