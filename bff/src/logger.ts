import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** JSON lines for machines; coloured, one-line-per-event text for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

/**
 * Paths that could ever carry a secret are censored even if a caller logs them by mistake.
 * The Atlas client never logs headers or tokens; this is the second line of defence.
 */
const REDACT = [
  'authorization',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  '*.clientSecret',
  '*.privateKey',
  '*.access_token',
  '*.token',
  'clientSecret',
  'privateKey',
  'token',
];

/** LOG_FORMAT when set; otherwise pretty for a terminal, JSON for a pipe, a file or a collector. */
export function logFormatFor(override: LogFormat | undefined, isTTY: boolean | undefined) {
  return override ?? (isTTY ? 'pretty' : 'json');
}

export function createLogger(options: {
  level: string;
  format?: LogFormat;
  destination?: NodeJS.WritableStream;
}): Logger {
  const destination = options.destination ?? process.stdout;
  // Redaction runs in pino before a line is written, so both formats get censored values.
  // pino-pretty as an in-process stream, not a transport: no worker thread, and lines written
  // before a crash are not lost in its buffer.
  const stream =
    options.format === 'pretty'
      ? pretty({
          destination,
          sync: true,
          colorize: destination === process.stdout && process.stdout.isTTY,
        })
      : destination;
  return pino(
    { level: options.level, redact: { paths: REDACT, censor: '[redacted]' }, base: undefined },
    stream,
  );
}
