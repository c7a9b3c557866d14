import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { requestMetrics, type RequestMetrics } from './request-metrics.js';

/**
 * Where statistics and dashboards read from, and as of when its data is. Without DATABASE_READ_URL that
 * is the primary, current by definition. With it, a streaming replica, as long as it is close behind:
 *
 * - caught up (its replayed WAL position is the primary's current one): as of now;
 * - behind: as of the commit time of the last transaction it replayed (`pg_last_xact_replay_timestamp()`),
 *   so the dashboard says "Data per <time>" and never passes an old answer off as a new one;
 * - further behind than `maxLagSeconds` (its last replayed commit older than that), or not answering: the
 *   primary answers instead. After a quiet spell the first new commit makes the replica look as far behind
 *   as the spell was long until it replays it: a cautious error, answered by the primary.
 *
 * Comparing WAL positions, not `now() - pg_last_xact_replay_timestamp()`, keeps an idle primary (nothing
 * to replay) from looking like a lagging replica. One choice per request: every read of a GraphQL request
 * (and the `readFreshness` it reports) goes to the same database.
 */
export type ReadSourceKind = 'primary' | 'replica';

export interface ReadView {
  dataSource: DataSource;
  source: ReadSourceKind;
  /** The data is complete up to this moment. */
  asOf: Date;
  /** How far the replica was behind when chosen (0 on the primary or a caught-up replica). */
  lagSeconds: number;
  /** A replica is configured but was too far behind (or unreachable): the primary answered. */
  fellBack: boolean;
}

export interface ReadSource {
  view(): Promise<ReadView>;
}

/** Reads on the primary: no replica configured (and always on embedded PGlite). */
export function primaryReads(primary: DataSource): ReadSource {
  return { view: async () => ({ dataSource: primary, source: 'primary', asOf: new Date(), lagSeconds: 0, fellBack: false }) };
}

interface ReplicaState {
  replayed_lsn: string | null;
  last_replay: Date | null;
}

export function replicaReads(primary: DataSource, replica: DataSource, maxLagSeconds: number, log?: Logger): ReadSource {
  const choose = async (): Promise<ReadView> => {
    const fallBack = (lagSeconds: number): ReadView => ({ dataSource: primary, source: 'primary', asOf: new Date(), lagSeconds, fellBack: true });
    try {
      const [[state], [head]] = await Promise.all([
        replica.query(`SELECT pg_last_wal_replay_lsn()::text AS replayed_lsn, pg_last_xact_replay_timestamp() AS last_replay`) as Promise<ReplicaState[]>,
        primary.query(`SELECT pg_current_wal_lsn()::text AS lsn`) as Promise<Array<{ lsn: string }>>,
      ]);
      if (!state || !head || state.replayed_lsn === null) return fallBack(0);
      if (lsnOf(state.replayed_lsn) >= lsnOf(head.lsn)) return { dataSource: replica, source: 'replica', asOf: new Date(), lagSeconds: 0, fellBack: false };
      const asOf = state.last_replay ?? new Date(0);
      const lagSeconds = Math.max(0, (Date.now() - asOf.getTime()) / 1000);
      if (lagSeconds > maxLagSeconds) return fallBack(lagSeconds);
      return { dataSource: replica, source: 'replica', asOf, lagSeconds, fellBack: false };
    } catch (error) {
      log?.warn({ err: error }, 'read replica unavailable: reading from the primary');
      return fallBack(0);
    }
  };
  const perRequest = new WeakMap<RequestMetrics, Promise<ReadView>>();
  return {
    view() {
      const request = requestMetrics.getStore();
      if (!request) return choose();
      let chosen = perRequest.get(request);
      if (!chosen) {
        chosen = choose();
        perRequest.set(request, chosen);
      }
      return chosen;
    },
  };
}

/** A WAL position (`16/B374D848`) as a number, to compare two. */
function lsnOf(text: string): bigint {
  const [high = '0', low = '0'] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}
