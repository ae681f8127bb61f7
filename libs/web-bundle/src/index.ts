export * from './web-bundle';
