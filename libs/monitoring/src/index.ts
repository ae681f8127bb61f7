export * from './progress/progress-facts';
export * from './progress/compute-progress';
export * from './progress/progress-read-model';
export * from './progress/memory-progress-read-model';
export * from './progress/sqlite-progress-read-model';
export * from './progress/progress-projection';
