export * from './articles';
export * from './audit-log';
export * from './org-units';
