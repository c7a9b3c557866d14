import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout (or `destination`, for tests); request handlers log through a child carrying the request id. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'hjulet-api' },
    redact: { paths: ['req.headers.authorization', '*.password', '*.refreshToken'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
