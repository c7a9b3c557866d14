import { buildWorld, CALLERS, PLACES } from '../../test/support/authorization-matrix.world.js';
import { startTestServer, type TestServer } from '../../test/support/test-server.js';
import type { Target } from './fuzzer.js';

/** Tables whose rows a refused request may add by design: the audit log records refusals too. */
const NOT_COMPARED = new Set(['audit_event', 'migrations']);

/** One md5 per table over its rows as text, in a fixed order: what a refused mutation must leave alone. */
export async function tableChecksums(server: TestServer): Promise<Record<string, string>> {
  const tables: Array<{ table_name: string }> = await server.dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const names = tables.map((t) => t.table_name).filter((t) => !NOT_COMPARED.has(t));
  const sql = names.map((t) => `SELECT '${t}' AS t, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS sum FROM "${t}" x`).join(' UNION ALL ');
  const rows: Array<{ t: string; sum: string }> = await server.dataSource.query(sql);
  return Object.fromEntries(rows.map((r) => [r.t, r.sum]));
}

/** A started API on a fresh database (PGlite, or PostgreSQL when DATABASE_URL is set) with a caller per role. */
export async function startFuzzTarget(env: Record<string, string> = {}): Promise<{ server: TestServer; target: Target }> {
  const server = await startTestServer({ env });
  const world = await buildWorld(server);
  const tokens = Object.fromEntries(CALLERS.map((c) => [c, world.token(c)]));
  const ids = PLACES.flatMap((p) => {
    const place = world.places[p];
    return [place.unitId, place.administrationId, place.areaId, place.recipientId, place.staffId, place.reviewId, place.templateVersionId];
  });
  return { server, target: { url: server.url, tokens, ids: [...ids, world.templateVersionId, world.draftVersionId], checksums: () => tableChecksums(server) } };
}
