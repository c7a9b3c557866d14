import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; request handlers log through a child carrying the request id. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'hjulet-api' },
    redact: { paths: ['req.headers.authorization', '*.password', '*.refreshToken'], censor: '[redacted]' },
  });
}
