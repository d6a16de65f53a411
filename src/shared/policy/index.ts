export * from './reset-policy';
