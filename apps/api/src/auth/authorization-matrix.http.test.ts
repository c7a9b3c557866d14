import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type GraphQLResponse, type TestServer } from '../../test/support/test-server.js';
import { CASES, expectedOutcome, type MatrixCase } from '../../test/support/authorization-matrix.cases.js';
import { buildWorld, CALLERS, type Caller, type World } from '../../test/support/authorization-matrix.world.js';

const schemaPath = fileURLToPath(new URL('../../../../graphql/schema.graphql', import.meta.url));

let server: TestServer;
let world: World;

beforeAll(async () => {
  server = await startTestServer();
  world = await buildWorld(server);
});
afterAll(() => server?.close());

/** What the caller saw: the error's code, or what the case says a successful answer shows. */
function outcomeOf(c: MatrixCase, res: GraphQLResponse): { outcome: string; detail: string } {
  const error = res.errors?.[0];
  if (error) return { outcome: error.extensions?.code ?? 'no code', detail: error.message };
  const data = res.data?.[c.operation];
  if (data === undefined || data === null) return { outcome: 'no data', detail: JSON.stringify(res) };
  return { outcome: c.seen ? c.seen(data) : 'ok', detail: JSON.stringify(data).slice(0, 300) };
}

const cellName = (caller: Caller, c: MatrixCase, label: string, expected: string) => `${caller} · ${c.operation}${label ? ` · ${label}` : ''} → ${expected}`;

describe('the authorization matrix', () => {
  it('covers every query and mutation of graphql/schema.graphql, and nothing else', async () => {
    const schema = buildSchema(await readFile(schemaPath, 'utf8'));
    const inSchema = [
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}).map((name) => `query ${name}`),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((name) => `mutation ${name}`),
    ].sort();
    expect(inSchema.length).toBeGreaterThan(20);
    expect(CASES.map((c) => `${c.kind} ${c.operation}`).sort()).toEqual(inSchema);
  });

  it('calls, in each case, the operation the case is named after', () => {
    for (const c of CASES) {
      const operation = parse(c.document).definitions[0] as OperationDefinitionNode;
      const root = operation.selectionSet.selections[0];
      expect({ kind: operation.operation, field: root?.kind === Kind.FIELD ? root.name.value : null }).toEqual({ kind: c.kind, field: c.operation });
    }
  });

  it('states an expected outcome for every caller in every target', () => {
    const missing = CASES.flatMap((c) =>
      c.targets.flatMap((t) =>
        CALLERS.filter((caller) => expectedOutcome(c, t, caller) === 'no expectation').map((caller) => cellName(caller, c, t.label, '?')),
      ),
    );
    expect(missing).toEqual([]);
  });
});

for (const c of CASES) {
  describe(`${c.kind} ${c.operation}`, () => {
    for (const target of c.targets) {
      for (const caller of CALLERS) {
        const expected = expectedOutcome(c, target, caller);
        it(cellName(caller, c, target.label, expected), async () => {
          const variables = await target.vars(world, caller);
          // EMPTY is a successful answer that names nothing (a discard recorded without its subject).
          const refusedChange = c.kind === 'mutation' && expected !== 'ok' && expected !== 'EMPTY';
          const before = refusedChange ? await server.tableCounts() : null;

          const seen = outcomeOf(c, await server.gql(c.document, variables, world.token(caller)));

          expect(seen.outcome, seen.detail).toBe(expected);
          if (before) expect(await server.tableCounts(), 'a refused mutation changed nothing').toEqual(before);
        });
      }
    }
  });
}

describe('lists without a filter', () => {
  const reachable: Record<Exclude<Caller, 'anonymous'>, number[]> = {
    staff: [0],
    unit_manager: [0],
    quality_coordinator: [0, 1, 2],
    admin: [0, 1, 2, 3],
  };
  const units = (indexes: number[]) => indexes.map((i) => server.seed.unitIds[i] as string).sort();
  const distinct = (ids: string[]) => [...new Set(ids)].sort();

  for (const [role, indexes] of Object.entries(reachable) as Array<[Exclude<Caller, 'anonymous'>, number[]]>) {
    it(`show ${role} the care recipients of exactly the units in reach`, async () => {
      const res = await server.gql<{ careRecipients: Array<{ unitId: string }> }>(`{ careRecipients { unitId } }`, {}, world.token(role));
      expect(distinct(res.data?.careRecipients.map((r) => r.unitId) ?? [])).toEqual(units(indexes));
    });
  }

  for (const role of ['staff', 'unit_manager', 'quality_coordinator'] as const) {
    it(`show ${role} only reviews and follow-up actions of units in reach`, async () => {
      const res = await server.gql<{ reviews: { edges: Array<{ node: { unitId: string } }> }; followUpActions: Array<{ unitId: string }> }>(
        `{ reviews(first: 500) { edges { node { unitId } } } followUpActions { unitId } }`,
        {},
        world.token(role),
      );
      const reviewUnits = distinct(res.data?.reviews.edges.map((e) => e.node.unitId) ?? []);
      const actionUnits = distinct(res.data?.followUpActions.map((a) => a.unitId) ?? []);
      expect(reviewUnits).toContain(server.seed.unitIds[0]);
      expect(actionUnits).toContain(server.seed.unitIds[0]);
      for (const unitId of [...reviewUnits, ...actionUnits]) expect(units(reachable[role])).toContain(unitId);
    });
  }
});
