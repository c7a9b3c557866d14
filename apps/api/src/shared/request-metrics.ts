import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * Per-request counters, carried through async calls. The SQL statement count is how tests and
 * benchmarks catch an N+1: it is exact, where a timing is not.
 */
export interface RequestMetrics {
  /** The request's id, also sent as `x-request-id`: error answers and log lines carry it. */
  requestId: string;
  sqlStatements: number;
  operationName: string | null;
  /** The operation's cost as query-cost.ts counts it, once computed. */
  cost?: number;
}

export const requestMetrics = new AsyncLocalStorage<RequestMetrics>();

/** Counts every statement TypeORM sends (raw queries included) into the current request's metrics. */
export class SqlCountingLogger implements TypeOrmLogger {
  constructor(private readonly onError: (message: string, query: string) => void = () => {}) {}

  logQuery(): void {
    const metrics = requestMetrics.getStore();
    if (metrics) metrics.sqlStatements += 1;
  }
  logQueryError(error: string | Error, query: string): void {
    this.onError(typeof error === 'string' ? error : error.message, query.slice(0, 500));
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/** Records the resolved operation name into the request's metrics, for logs and reports. */
export const operationNamePlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operationName }) {
        const metrics = requestMetrics.getStore();
        if (metrics) metrics.operationName = operationName ?? null;
      },
    };
  },
};
