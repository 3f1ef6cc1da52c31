import { type ErrorCode, errorCatalog, type FieldIssue } from '@veterans/shared';

/** An error meant for the client: a stable code, its HTTP status and a Chinese message. */
export class AppError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string = errorCatalog[code].message,
    readonly details?: FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
    this.statusCode = errorCatalog[code].status;
  }
}
