export * from './articles';
export * from './audit-log';
export * from './org-units';
export * from './sessions';
export * from './users';
export * from './veterans';
