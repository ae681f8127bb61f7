export * from './program-outline';
export * from './render-program';
export * from './program-form';
