export * from './articles';
export * from './errors';
export * from './org-units';
export * from './pagination';
export * from './services';
export * from './zod-setup';
