export * from './units';
export * from './target-expression';
export * from './assess';
export * from './fields';
export * from './latest-actual';
