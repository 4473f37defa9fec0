/** Every error code Portico answers with; `switch (err.code)` narrows. */
export type ErrorCode =
  | 'flow.not_found'
  | 'flow.expired'
  | 'flow.finished'
  | 'flow.stale'
  | 'flow.broken'
  | 'csrf.invalid'
  | 'request.invalid'
  | 'request.too_large'
  | 'request.unsupported_media_type'
  | 'not_found'
  | 'rate_limited'
  | 'recovery.cancelled'
  | 'server.busy'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  'flow.not_found': 404,
  'flow.expired': 410,
  'flow.finished': 410,
  'flow.stale': 409,
  'flow.broken': 409,
  'csrf.invalid': 403,
  'request.invalid': 400,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  not_found: 404,
  rate_limited: 429,
  'recovery.cancelled': 409,
  'server.busy': 503,
  internal: 500,
};

/** The message id a person sees for each code (see `src/locales`). */
const MESSAGE: Record<ErrorCode, string> = {
  'flow.not_found': 'error.flow.notFound',
  'flow.expired': 'error.flow.expired',
  'flow.finished': 'error.flow.expired',
  'flow.stale': 'info.flow.stale',
  'flow.broken': 'error.flow.expired',
  'csrf.invalid': 'error.csrf',
  'request.invalid': 'error.request.invalid',
  'request.too_large': 'error.request.tooLarge',
  'request.unsupported_media_type': 'error.request.invalid',
  not_found: 'error.flow.notFound',
  rate_limited: 'error.rateLimited',
  'recovery.cancelled': 'error.recovery.cancelled',
  'server.busy': 'error.busy',
  internal: 'error.internal',
};

/**
 * The one error class. `expose` is true below 500: only then may the detail reach the page;
 * internal errors show a generic message.
 */
export class PorticoError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly expose: boolean;
  readonly messageId: string;
  /** For `rate_limited`: when to try again (sent as `Retry-After`). */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, detail?: string, options?: ErrorOptions & { retryAfterSeconds?: number }) {
    super(detail ?? code, options);
    this.retryAfterSeconds = options?.retryAfterSeconds;
    this.name = 'PorticoError';
    this.code = code;
    this.status = STATUS[code];
    this.expose = this.status < 500;
    this.messageId = MESSAGE[code];
  }
}

/** Any thrown value as a PorticoError (unknown errors become `internal`). */
export function asPorticoError(err: unknown): PorticoError {
  if (err instanceof PorticoError) return err;
  const status = (err as { status?: number; type?: string })?.status;
  const type = (err as { type?: string })?.type;
  if (type === 'entity.too.large' || status === 413) return new PorticoError('request.too_large');
  if (type === 'entity.parse.failed' || type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return new PorticoError('request.invalid', 'the request body is malformed');
  }
  if (status === 415) return new PorticoError('request.unsupported_media_type');
  return new PorticoError('internal', undefined, { cause: err });
}
