import type { TestServer } from '@hjulet/api/test-support/test-server.js';
import { percentile } from './figures.js';

type DataSource = TestServer['dataSource'];

/*
 * Reviews partitioned by month (migration 1765190000000) beside the same rows in one unpartitioned table, in
 * the same run: the indicator bench's data set is copied into `review_flat` with the indexes `review` had
 * before it was partitioned (primary key on id, unique client id), and the reads and upkeep that touch the
 * review table directly are timed on both. The dashboard reads the counts per calendar period, not the
 * reviews, so it is not here; its figures before and after are the indicator bench's own.
 */

type Add = (measure: string, value: string, baseline?: string, ratio?: string, aim?: string) => void;

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : n < 100 ? 1 : 0)} ms`;

/** Each read, as SQL over a table `T`, with its parameters drawn per run. */
interface Read {
  name: string;
  sql: string;
  params: () => unknown[];
}

export async function partitionComparison(ds: DataSource, add: Add, runs = 200): Promise<void> {
  await ds.query(`CREATE TABLE review_flat (LIKE review INCLUDING DEFAULTS)`);
  let t = performance.now();
  await ds.query(`INSERT INTO review_flat SELECT * FROM review`);
  await ds.query(`
    ALTER TABLE review_flat ADD PRIMARY KEY (id), ADD UNIQUE (client_id);
    CREATE INDEX ON review_flat (unit_id, offered_at DESC, id DESC);
    CREATE INDEX ON review_flat (recipient_id, offered_at DESC);
    CREATE INDEX ON review_flat (offered_at DESC, id DESC);
    CREATE INDEX ON review_flat (recipient_id, performed_at) WHERE status = 'completed';
  `);
  await ds.query(`VACUUM (ANALYZE) review_flat`);
  await ds.query(`VACUUM (ANALYZE) review`);
  const copySeconds = (performance.now() - t) / 1000;

  const sample: Array<{ id: string; unit_id: string; recipient_id: string; offered_at: Date }> = await ds.query(
    `SELECT id, unit_id, recipient_id, offered_at FROM review TABLESAMPLE SYSTEM (1) LIMIT 2000`,
  );
  const [parts] = (await ds.query(`SELECT count(*) - 1 AS n FROM pg_partition_tree('review') WHERE isleaf`)) as Array<{ n: string }>;
  let i = 0;
  const pick = () => sample[i++ % sample.length] as (typeof sample)[number];
  const monthOf = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  const reads: Read[] = [
    { name: 'a review by id', sql: `SELECT * FROM T WHERE id = $1`, params: () => [pick().id] },
    {
      name: 'a review by id and month (as references read it)',
      sql: `SELECT * FROM T WHERE id = $1 AND offered_at = $2`,
      params: () => {
        const r = pick();
        return [r.id, r.offered_at];
      },
    },
    {
      name: "a unit's latest 50 reviews (reviews(first: 50))",
      sql: `SELECT id, offered_at, status FROM T WHERE unit_id = $1 ORDER BY offered_at DESC, id DESC LIMIT 50`,
      params: () => [pick().unit_id],
    },
    {
      name: "a unit's reviews of one month, counted by status",
      sql: `SELECT status, count(*) FROM T WHERE unit_id = $1 AND offered_at >= $2 AND offered_at < $2::timestamptz + interval '1 month' GROUP BY status`,
      params: () => {
        const r = pick();
        return [r.unit_id, monthOf(new Date(r.offered_at))];
      },
    },
    {
      name: "a recipient's reviews",
      sql: `SELECT id, offered_at, status FROM T WHERE recipient_id = $1 ORDER BY offered_at DESC`,
      params: () => [pick().recipient_id],
    },
  ];
  for (const read of reads) {
    const time = async (table: string) => {
      const times: number[] = [];
      const sql = read.sql.replace(/\bT\b/, table);
      for (let k = 0; k < runs + 10; k++) {
        const params = read.params();
        const start = performance.now();
        await ds.query(sql, params);
        if (k >= 10) times.push(performance.now() - start);
      }
      return times;
    };
    // Interleaved, so neither table gets a warmer cache or a quieter machine.
    const flat = await time('review_flat');
    const partitioned = await time('review');
    const flatAgain = await time('review_flat');
    const base = [...flat, ...flatAgain];
    add(
      `partitioned (${parts?.n} months + default) vs one table: ${read.name}, p50 / p95`,
      `${ms(percentile(partitioned, 50))} / ${ms(percentile(partitioned, 95))}`,
      `${ms(percentile(base, 50))} / ${ms(percentile(base, 95))} unpartitioned`,
      (percentile(partitioned, 95) / percentile(base, 95)).toFixed(2),
    );
  }

  // Upkeep: the month that is written now is vacuumed on its own; one table is vacuumed whole.
  const [current] = (await ds.query(`SELECT tableoid::regclass::text AS part FROM review WHERE offered_at >= date_trunc('month', now()) LIMIT 1`)) as Array<{
    part: string;
  }>;
  await ds.query(`UPDATE review_flat SET updated_at = updated_at WHERE offered_at >= date_trunc('month', now())`);
  await ds.query(`UPDATE review SET updated_at = updated_at WHERE offered_at >= date_trunc('month', now())`);
  t = performance.now();
  await ds.query(`VACUUM ${current?.part ?? 'review_default'}`);
  const vacuumMonth = performance.now() - t;
  t = performance.now();
  await ds.query(`VACUUM review_flat`);
  const vacuumFlat = performance.now() - t;
  add(
    `VACUUM after this month's reviews were updated: the month's partition (${current?.part}) vs the whole table`,
    ms(vacuumMonth),
    `${ms(vacuumFlat)} unpartitioned`,
    (vacuumMonth / vacuumFlat).toFixed(2),
  );
  const [size] = (await ds.query(
    `SELECT (SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree('review')) + pg_total_relation_size('review_receipt') AS partitioned,
            pg_total_relation_size('review_flat') AS flat`,
  )) as Array<{ partitioned: string; flat: string }>;
  const mb = (b: string) => `${(Number(b) / 1_048_576).toFixed(0)} MB`;
  add(
    'storage of the reviews with their indexes (partitioned: every month and review_receipt)',
    mb(size?.partitioned ?? '0'),
    `${mb(size?.flat ?? '0')} unpartitioned`,
    (Number(size?.partitioned) / Number(size?.flat)).toFixed(2),
  );
  add('copy of the reviews into one table for this comparison, with its indexes', `${copySeconds.toFixed(1)} s`);
  await ds.query(`DROP TABLE review_flat`);
}
