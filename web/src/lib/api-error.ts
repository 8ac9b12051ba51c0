import type { Problem } from '@ace/bff/contract';

export interface FieldProblem {
  field: string;
  message: string;
}

/** Every failed API call ends here: an RFC 9457 problem, or one we made up for the network. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string | undefined;
  readonly errors: FieldProblem[];
  readonly retryAfterSeconds: number | undefined;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.type = problem.type;
    this.errors = problem.errors ?? [];
    this.retryAfterSeconds = problem.retryAfterSeconds;
  }

  /** Worth trying again later: the network, rate limits and upstream trouble. */
  get isTransient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

/** Anything thrown becomes an ApiError, so the UI has one shape to show (never a stack). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({
    status: 0,
    title: 'Something went wrong',
    detail: error instanceof Error ? error.message : undefined,
  });
}
