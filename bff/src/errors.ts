/**
 * The one application error. Services throw it (or let the error middleware map Atlas's typed
 * errors to it); routes never build error bodies themselves.
 */
export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    status: number;
    title: string;
    detail?: string;
    errors?: FieldError[];
    retryAfterSeconds?: number;
    cause?: unknown;
  }) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title, { cause: init.cause });
    this.name = 'AppError';
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

export const notFound = (what: string) =>
  new AppError({ status: 404, title: 'Not found', detail: `${what} does not exist` });
