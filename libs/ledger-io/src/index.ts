export * from './types';
export * from './units';
export * from './jsonl';
export * from './csv';
export * from './xlsx';
export * from './table-ledger';
export * from './read-ledger';
export * from './ledger-chunks';
