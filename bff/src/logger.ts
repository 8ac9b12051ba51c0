import { pino, type Logger } from 'pino';

export type { Logger };

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

export function createLogger(options: {
  level: string;
  destination?: NodeJS.WritableStream;
}): Logger {
  return pino(
    { level: options.level, redact: { paths: REDACT, censor: '[redacted]' }, base: undefined },
    options.destination ?? process.stdout,
  );
}
