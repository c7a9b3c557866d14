import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';

/* Other municipalities' values for comparison (seed 004), imported from Kolada's v2 data JSON or a CSV. */

let server: TestServer;
const token = { coordinator: '', manager: '', admin: '' };
const IMPORT = `mutation($f: ComparisonFormat!, $c: String!) { importComparisonValues(format: $f, content: $c) { inserted replaced } }`;
const COMPARE = `query($i: String, $p: String) { comparison(indicator: $i, period: $p) { ownMunicipalityCode values { municipalityCode indicator period value } } }`;

// The shape of https://api.kolada.se/v2/data/kpi/U21468/municipality/0581,0580,1980/year/2025 (values invented).
const kolada = {
  count: 3,
  values: [
    { kpi: 'U21468', municipality: '0581', period: 2025, values: [{ count: 1, gender: 'T', status: '', value: 91 }] },
    { kpi: 'U21468', municipality: '0580', period: 2025, values: [{ count: 1, gender: 'T', status: '', value: 84 }] },
    {
      kpi: 'U21468',
      municipality: '1980',
      period: 2025,
      values: [
        { count: 1, gender: 'K', status: '', value: 80 },
        { count: 1, gender: 'M', status: '', value: 76 },
        { count: 1, gender: 'T', status: '', value: 78.5 },
      ],
    },
  ],
};

beforeAll(async () => {
  server = await startTestServer();
  for (const who of Object.keys(token) as Array<keyof typeof token>) token[who] = await server.tokenFor(DEMO[who]);
});
afterAll(() => server?.close());

describe('comparison values', () => {
  it("import from Kolada's JSON (the total) and show the board its result next to others'", async () => {
    const res = await server.gql<{ importComparisonValues: { inserted: number } }>(IMPORT, { f: 'KOLADA_JSON', c: JSON.stringify(kolada) }, token.coordinator);
    expect(res.errors).toBeUndefined();
    expect(res.data?.importComparisonValues).toEqual({ inserted: 3, replaced: 0 });
    const seen = await server.gql<{ comparison: { ownMunicipalityCode: string; values: Array<{ municipalityCode: string; value: number }> } }>(
      COMPARE,
      { i: 'U21468', p: '2025' },
      token.manager,
    );
    expect(seen.data?.comparison.ownMunicipalityCode).toBe('0581');
    expect(seen.data?.comparison.values.map((v) => [v.municipalityCode, v.value])).toEqual([
      ['0581', 91],
      ['0580', 84],
      ['1980', 78.5],
    ]);
  });

  it('import from a CSV, replacing a value imported before', async () => {
    const csv = '\uFEFFmunicipality;indicator;period;value\n0580;U21468;2025;85,5\n0580;coverage;2025;0,97\n';
    const res = await server.gql<{ importComparisonValues: { inserted: number; replaced: number } }>(IMPORT, { f: 'CSV', c: csv }, token.admin);
    expect(res.data?.importComparisonValues).toEqual({ inserted: 1, replaced: 1 });
    const seen = await server.gql<{ comparison: { values: Array<{ municipalityCode: string; value: number }> } }>(
      COMPARE,
      { i: 'U21468', p: '2025' },
      token.coordinator,
    );
    expect(seen.data?.comparison.values.find((v) => v.municipalityCode === '0580')?.value).toBe(85.5);
  });

  it('refuse a file with any bad row whole, naming each row and field, and write nothing', async () => {
    const before = await server.tableCounts();
    const csv = 'municipality,indicator,period,value\n0581,coverage,2025,0.9\n58,coverage,2025,0.9\n0582,coverage,2025,\n';
    const res = await server.gql(IMPORT, { f: 'CSV', c: csv }, token.coordinator);
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'content',
      issues: [
        { field: 'row 3: municipality', code: 'INVALID', message: expect.any(String) },
        { field: 'row 4: value', code: 'INVALID', message: expect.any(String) },
      ],
    });
    const notJson = await server.gql(IMPORT, { f: 'KOLADA_JSON', c: '{"values": [' }, token.coordinator);
    expect(notJson.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
    const counts = await server.tableCounts();
    expect({ ...counts, audit_event: 0 }).toEqual({ ...before, audit_event: 0 });
  });

  it('are imported by coordinators and admins only', async () => {
    const res = await server.gql(IMPORT, { f: 'KOLADA_JSON', c: JSON.stringify(kolada) }, token.manager);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
