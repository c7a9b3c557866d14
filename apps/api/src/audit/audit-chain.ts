import { createHash } from 'node:crypto';

/*
 * The audit log's hash chain. Each row gets a place `chain_seq` (1, 2, 3, …), the hash of the row before it
 * and its own hash: SHA-256 over the previous hash and the row's canonical content. Changing, removing or
 * moving a row then breaks the chain where it happened, and `pnpm audit:verify` prints that place.
 *
 * Why a chainer and not a hash computed by every insert: a chain head locked FOR UPDATE by each writer
 * would hold that lock until the writer's transaction commits, so every audited request (reads too) would
 * queue behind every other, and a transaction taking the head lock and a row lock in the other order than
 * another could deadlock. Instead requests insert as they always did, and one chainer at a time (a
 * transaction-level advisory lock, so one across all API instances) chains what has committed, in the
 * order it finds it. A row waits for its hash for at most the chainer's interval (AUDIT_CHAIN_INTERVAL_MS):
 * in that window it is protected only by the append-only trigger, as every row was before.
 */

/** Something that runs SQL: a DataSource, an EntityManager or a `pg` client wrapped to return rows. */
export type Query = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** The hash before the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** Arbitrary but fixed: the advisory lock key of the chainer ("audit" in ASCII). */
const CHAINER_LOCK = 0x6175646974;

/**
 * The columns that are hashed, each rendered as text by PostgreSQL itself (the timestamp in UTC to the
 * microsecond, jsonb in its normalised text form), so the chainer and the verifier hash the same bytes on
 * PGlite and PostgreSQL alike. `chain_seq` is not hashed: the link to the previous row fixes the order,
 * and leaving it out lets the verifier tell a moved row (its own hash still matches) from an edited one.
 */
const CONTENT_COLUMNS = `id::text AS id,
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
  actor_id::text AS actor_id, actor_role, action, entity_type, entity_id, care_recipient_id::text AS care_recipient_id,
  request_id, details::text AS details`;
// (Aliases shadow the columns in ORDER BY: queries order by `audit_event.<column>` to sort numbers, not text.)

const CONTENT_FIELDS = [
  'id',
  'occurred_at',
  'actor_id',
  'actor_role',
  'action',
  'entity_type',
  'entity_id',
  'care_recipient_id',
  'request_id',
  'details',
] as const;

/**
 * A row's canonical content: each field as `<byte length>:<text>`, or `-` for null, joined by `|`. The
 * length prefix makes the encoding unambiguous whatever a field contains.
 */
export function canonicalContent(row: Record<string, unknown>): string {
  return CONTENT_FIELDS.map((field) => {
    const value = row[field];
    if (value === null || value === undefined) return '-';
    const text = String(value);
    return `${Buffer.byteLength(text, 'utf8')}:${text}`;
  }).join('|');
}

/** SHA-256 (hex) of the previous hash's bytes followed by the row's canonical content. */
export function chainHash(prevHashHex: string, row: Record<string, unknown>): string {
  return createHash('sha256').update(Buffer.from(prevHashHex, 'hex')).update(canonicalContent(row), 'utf8').digest('hex');
}

/**
 * Chains up to `batch` committed rows that have no place yet, in one transaction. Returns how many it
 * chained, or 0 when another chainer holds the lock (it will chain them). Call it until it returns less
 * than `batch`, or use `chainAll`.
 */
export async function chainBatch(transaction: <T>(work: (query: Query) => Promise<T>) => Promise<T>, batch = 2000): Promise<number> {
  return transaction(async (query) => {
    const [lock] = await query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [CHAINER_LOCK]);
    if (lock?.['locked'] !== true) return 0;
    const [head] = await query(
      `SELECT chain_seq::text AS seq, encode(hash, 'hex') AS hash FROM audit_event WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1`,
    );
    const rows = await query(`SELECT ${CONTENT_COLUMNS} FROM audit_event WHERE chain_seq IS NULL ORDER BY audit_event.id LIMIT $1`, [batch]);
    if (rows.length === 0) return 0;
    let seq = head ? BigInt(head['seq'] as string) : 0n;
    let prev = head ? (head['hash'] as string) : GENESIS_HASH;
    const ids: string[] = [];
    const seqs: string[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    for (const row of rows) {
      seq += 1n;
      const hash = chainHash(prev, row);
      ids.push(row['id'] as string);
      seqs.push(seq.toString());
      prevs.push(prev);
      hashes.push(hash);
      prev = hash;
    }
    await query(
      `UPDATE audit_event AS a SET chain_seq = u.seq, prev_hash = decode(u.prev, 'hex'), hash = decode(u.hash, 'hex')
       FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS u(id, seq, prev, hash)
       WHERE a.id = u.id`,
      [ids, seqs, prevs, hashes],
    );
    return rows.length;
  });
}

/** Chains every row committed so far (that this chainer gets the lock for). Returns how many. */
export async function chainAll(transaction: <T>(work: (query: Query) => Promise<T>) => Promise<T>, batch = 2000): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await chainBatch(transaction, batch);
    total += n;
    if (n < batch) return total;
  }
}

export type ChainProblemKind = 'edited' | 'deleted' | 'reordered' | 'broken_link';

export interface ChainProblem {
  kind: ChainProblemKind;
  /** Where in the chain (the row found there, or the first missing place for `deleted`). */
  chainSeq: string;
  /** The audit event id of the row found there, when there is one. */
  eventId: string | null;
  message: string;
}

export interface ChainReport {
  ok: boolean;
  /** Rows walked. */
  checked: number;
  /** The last row's place and hash: keep them somewhere else to notice later removal of the newest rows. */
  head: { chainSeq: string; hash: string } | null;
  /** Rows not chained yet (the chainer has not reached them): not checked. */
  unchained: number;
  problems: ChainProblem[];
}

/**
 * Walks the whole chain in `chain_seq` order, `page` rows at a time, recomputing every hash in this
 * process (it does not trust a database function). Reports at most `maxProblems` problems:
 * - `edited`: a row's content no longer gives its stored hash;
 * - `deleted`: places missing from the sequence;
 * - `reordered`: a row's previous hash is that of a row other than the one before it;
 * - `broken_link`: a row's previous hash belongs to no row (the row before it was rewritten with a new hash, or removed).
 */
export async function verifyChain(query: Query, options: { page?: number; maxProblems?: number } = {}): Promise<ChainReport> {
  const page = options.page ?? 5000;
  const maxProblems = options.maxProblems ?? 50;
  const problems: ChainProblem[] = [];
  const add = (problem: ChainProblem) => {
    if (problems.length < maxProblems) problems.push(problem);
  };
  let expected = 1n;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let head: ChainReport['head'] = null;
  let after = '0';
  for (;;) {
    const rows = await query(
      `SELECT chain_seq::text AS chain_seq, encode(prev_hash, 'hex') AS prev_hash, encode(hash, 'hex') AS hash, ${CONTENT_COLUMNS}
       FROM audit_event WHERE chain_seq > $1 ORDER BY audit_event.chain_seq LIMIT $2`,
      [after, page],
    );
    for (const row of rows) {
      const seq = BigInt(row['chain_seq'] as string);
      const eventId = row['id'] as string;
      const storedPrev = row['prev_hash'] as string;
      const storedHash = row['hash'] as string;
      let linkChecked = true;
      if (seq !== expected) {
        add({
          kind: 'deleted',
          chainSeq: expected.toString(),
          eventId: null,
          message:
            seq - expected === 1n
              ? `chain place ${expected} is missing: a row was deleted before event ${eventId}`
              : `chain places ${expected}–${seq - 1n} are missing: ${seq - expected} rows were deleted before event ${eventId}`,
        });
        // The deleted row's hash is gone with it: the link of the row after a gap cannot be checked.
        linkChecked = false;
      }
      if (chainHash(storedPrev, row) !== storedHash) {
        add({
          kind: 'edited',
          chainSeq: seq.toString(),
          eventId,
          message: `event ${eventId} (chain place ${seq}) was edited: its content no longer gives its hash`,
        });
      }
      if (linkChecked && storedPrev !== prevHash) {
        const [owner] = await query(`SELECT chain_seq::text AS chain_seq, id::text AS id FROM audit_event WHERE hash = decode($1, 'hex') LIMIT 1`, [
          storedPrev,
        ]);
        if (owner) {
          add({
            kind: 'reordered',
            chainSeq: seq.toString(),
            eventId,
            message: `event ${eventId} (chain place ${seq}) was moved: it was chained after event ${String(owner['id'])}, which is now at chain place ${String(owner['chain_seq'])}`,
          });
        } else {
          add({
            kind: 'broken_link',
            chainSeq: seq.toString(),
            eventId,
            message: `event ${eventId} (chain place ${seq}): the row chained before it no longer exists with its hash (rewritten or removed)`,
          });
        }
      }
      // Go on from what is stored, so one tamper is reported once, not at every later row.
      prevHash = storedHash;
      expected = seq + 1n;
      checked += 1;
      head = { chainSeq: seq.toString(), hash: storedHash };
    }
    if (rows.length < page) break;
    after = (rows[rows.length - 1] as Record<string, unknown>)['chain_seq'] as string;
  }
  const [pending] = await query(`SELECT count(*)::int AS n FROM audit_event WHERE chain_seq IS NULL`);
  return { ok: problems.length === 0, checked, head, unchained: Number(pending?.['n'] ?? 0), problems };
}
