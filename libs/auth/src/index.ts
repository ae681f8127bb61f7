export * from './roles';
export * from './token-store';
