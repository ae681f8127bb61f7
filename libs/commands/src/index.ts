export * from './command-handler';
export * from './command-identity';
export * from './outcomes';
export * from './command-stream';
