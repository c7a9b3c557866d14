import { Fhir } from 'fhir';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateDefinition } from '@hjulet/domain';
import { DEMO, startTestServer, type GraphQLResponse, type TestServer } from '../../test/support/test-server.js';
import { REAL_WORLD_FORM, xlsxOf, type FixtureSheet } from '../../test/support/xlsform-fixtures.js';

const IMPORT = `mutation ImportXlsForm($input: ImportXlsFormInput!) {
  importXlsForm(input: $input) { templateVersion { id templateKey version status } warnings { code field } }
}`;
const XLSFORM = `query TemplateXlsForm($id: UUID!) { templateVersionXlsForm(id: $id) { fileName contentType contentBase64 } }`;
const QUESTIONNAIRE = `query Questionnaire($id: UUID!) { templateVersionQuestionnaire(id: $id) }`;
const RESPONSE = `query QuestionnaireResponse($id: UUID!) { reviewQuestionnaireResponse(reviewId: $id) }`;

interface Imported {
  importXlsForm: { templateVersion: { id: string; templateKey: string; version: number; status: string }; warnings: Array<{ code: string; field: string }> };
}

let server: TestServer;
let admin: string;
let coordinator: string;
let staff: string;

const fhir = new Fhir();
const r4Errors = (resource: unknown) =>
  fhir
    .validate(resource as object, { errorOnUnexpected: true })
    .messages.filter((m) => m.severity === 'error' || m.severity === 'fatal')
    .map((m) => `${m.location}: ${m.message}`);

const storedDefinition = async (versionId: string): Promise<TemplateDefinition> =>
  ((await server.dataSource.query(`SELECT definition FROM template_version WHERE id = $1`, [versionId])) as Array<{ definition: TemplateDefinition }>)[0]
    ?.definition as TemplateDefinition;

const importFile = (bytes: Buffer | string, token: string, publish = false) =>
  server.gql<Imported>(IMPORT, { input: { fileBase64: typeof bytes === 'string' ? bytes : bytes.toString('base64'), publish } }, token);

async function exportFile(versionId: string, token: string): Promise<string> {
  const res = await server.gql<{ templateVersionXlsForm: { fileName: string; contentType: string; contentBase64: string } }>(XLSFORM, { id: versionId }, token);
  expect(res.errors).toBeUndefined();
  return res.data?.templateVersionXlsForm.contentBase64 as string;
}

beforeAll(async () => {
  server = await startTestServer();
  [admin, coordinator, staff] = await Promise.all([server.tokenFor(DEMO.admin), server.tokenFor(DEMO.coordinator), server.tokenFor(DEMO.staff)]);
});
afterAll(() => server?.close());

describe('XLSForm through the API', () => {
  it('exports the safety checklist, and importing, exporting and importing again stores the same template', async () => {
    const res = await server.gql<{ templateVersionXlsForm: { fileName: string; contentType: string } }>(
      XLSFORM,
      { id: server.seed.templateVersionId },
      coordinator,
    );
    expect(res.data?.templateVersionXlsForm).toMatchObject({
      fileName: 'sakerhet-hjalpbehov-v1.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });

    const first = await importFile(await exportFile(server.seed.templateVersionId, admin), admin);
    expect(first.errors).toBeUndefined();
    expect(first.data?.importXlsForm).toEqual({
      templateVersion: expect.objectContaining({ templateKey: 'sakerhet-hjalpbehov', version: 2, status: 'DRAFT' }),
      warnings: [],
    });
    const secondId = first.data?.importXlsForm.templateVersion.id as string;
    const third = await importFile(await exportFile(secondId, admin), admin);
    expect(third.data?.importXlsForm.templateVersion.version).toBe(3);
    expect(await storedDefinition(third.data?.importXlsForm.templateVersion.id as string)).toEqual(await storedDefinition(secondId));
  });

  it("imports a real-world-shaped form as a new template of the coordinator's administration, with warnings for what it left out", async () => {
    const res = await importFile(await xlsxOf(REAL_WORLD_FORM), coordinator, true);
    expect(res.errors).toBeUndefined();
    expect(res.data?.importXlsForm.templateVersion).toMatchObject({ templateKey: 'hembesok_brand', version: 1, status: 'PUBLISHED' });
    expect(res.data?.importXlsForm.warnings.map((w) => w.code)).toEqual([
      'QUESTION_SKIPPED',
      'QUESTION_SKIPPED',
      'QUESTION_SKIPPED',
      'QUESTION_SKIPPED',
      'NOTE_SKIPPED',
    ]);
    const rows = (await server.dataSource.query(`SELECT administration_id FROM checklist_template WHERE key = 'hembesok_brand'`)) as Array<{
      administration_id: string | null;
    }>;
    expect(rows[0]?.administration_id).not.toBeNull();
  });

  const survey = (extra: Array<string | null>): FixtureSheet[] =>
    REAL_WORLD_FORM.map(([name, rows]) => [name, name === 'survey' ? [...rows.slice(0, 8), extra, ...rows.slice(8)] : rows]);
  const badFiles: Array<[string, () => Promise<Buffer | string>, { code: string; field: string }]> = [
    ['text that is not base64', async () => 'not base64!', { code: 'NOT_BASE64', field: 'input.fileBase64' }],
    ['a CSV file', async () => Buffer.from('type,name,label\ninteger,n,N\n'), { code: 'NOT_XLSX', field: 'file' }],
    ['a file over 1 MiB', async () => Buffer.alloc(1024 * 1024 + 4, 1), { code: 'FILE_TOO_LARGE', field: 'input.fileBase64' }],
    ['a workbook without settings', async () => xlsxOf(REAL_WORLD_FORM.filter(([name]) => name !== 'settings')), { code: 'MISSING_SHEET', field: 'settings' }],
    ['an unknown type', async () => xlsxOf(survey(['integr', 'n', 'Antal', 'Number'])), { code: 'UNKNOWN_TYPE', field: 'survey!9/type' }],
    [
      'a relevant it cannot keep',
      async () => xlsxOf(survey(['integer', 'n', 'Antal', 'Number', null, null, null, 'count(${people}) > 1'])),
      { code: 'BAD_EXPRESSION', field: 'survey!9/relevant' },
    ],
    ['a name used twice', async () => xlsxOf(survey(['integer', 'people', 'Antal', 'Number'])), { code: 'DUPLICATE_NAME', field: 'survey!9/name' }],
    ['a question without a label', async () => xlsxOf(survey(['integer', 'n'])), { code: 'MISSING_LABEL', field: 'survey!9/label' }],
  ];

  it.each(badFiles)('refuses %s with a typed error, and writes nothing', async (_, file, expected) => {
    const before = await server.tableCounts();
    const res = await importFile(await file(), admin);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: expected.field, issues: [expect.objectContaining(expected)] });
    expect(res.errors?.[0]?.extensions?.stacktrace).toBeUndefined();
    expect(await server.tableCounts()).toEqual(before);
  });

  it('is not open to staff', async () => {
    const res = await importFile(await xlsxOf(REAL_WORLD_FORM), staff);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await server.gql(XLSFORM, { id: server.seed.templateVersionId }, staff)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('FHIR R4 through the API', () => {
  it('gives a template version as a valid Questionnaire, and audits the export', async () => {
    const res = await server.gql<{ templateVersionQuestionnaire: { resourceType: string; url: string; version: string } }>(
      QUESTIONNAIRE,
      { id: server.seed.templateVersionId },
      admin,
    );
    const questionnaire = res.data?.templateVersionQuestionnaire;
    expect(questionnaire).toMatchObject({
      resourceType: 'Questionnaire',
      url: 'https://hjulet.se/fhir/Questionnaire/sakerhet-hjalpbehov',
      version: '1',
      status: 'active',
    });
    expect(r4Errors(questionnaire)).toEqual([]);
    const { requestId } = await server.lastReport('Questionnaire');
    const audit = await server.dataSource.query(`SELECT action, entity_id, details FROM audit_event WHERE request_id = $1`, [requestId]);
    expect(audit).toEqual([{ action: 'read', entity_id: server.seed.templateVersionId, details: { export: 'fhir' } }]);
  });

  it('gives a coordinator a review of their administration as a valid de-identified QuestionnaireResponse, audited as a read of the recipient', async () => {
    const [review] = (await server.dataSource.query(
      `SELECT r.id, r.recipient_id FROM review r WHERE r.status = 'completed' AND r.unit_id = $1 ORDER BY r.offered_at LIMIT 1`,
      [server.seed.unitIds[0]],
    )) as Array<{ id: string; recipient_id: string }>;
    if (!review) throw new Error('the demo has no completed review in Norr');
    const res = await server.gql<{ reviewQuestionnaireResponse: Record<string, unknown> }>(RESPONSE, { id: review.id }, coordinator);
    const response = res.data?.reviewQuestionnaireResponse;
    expect(response).toMatchObject({
      resourceType: 'QuestionnaireResponse',
      status: 'completed',
      questionnaire: 'https://hjulet.se/fhir/Questionnaire/sakerhet-hjalpbehov|1',
    });
    expect(r4Errors(response)).toEqual([]);
    expect(response).not.toHaveProperty('subject');
    const reference = server.seed.recipients.find((r) => r.id === review.recipient_id)?.reference as string;
    expect(JSON.stringify(response)).not.toContain(review.recipient_id);
    expect(JSON.stringify(response)).not.toContain(reference);

    const { requestId } = await server.lastReport('QuestionnaireResponse');
    const audit = await server.dataSource.query(`SELECT action, entity_type, care_recipient_id FROM audit_event WHERE request_id = $1`, [requestId]);
    expect(audit).toEqual([{ action: 'read', entity_type: 'review', care_recipient_id: review.recipient_id }]);
  });

  it('refuses a review to staff and admins', async () => {
    const [review] = (await server.dataSource.query(`SELECT id FROM review LIMIT 1`)) as Array<{ id: string }>;
    for (const token of [staff, admin]) {
      const res: GraphQLResponse = await server.gql(RESPONSE, { id: review?.id }, token);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});
