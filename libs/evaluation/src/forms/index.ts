export * from './project-year';
export * from './fund-rows';
export * from './indicator-scores';
export * from './project-evaluation';
export * from './project-form';
export * from './monitoring';
export * from './monitoring-form';
export * from './project-forms-service';
