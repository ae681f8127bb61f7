export * from './program-outline';
export * from './render-program';
