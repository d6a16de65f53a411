export * from './account';
export * from './admin';
export * from './auth';
export * from './errors';
