import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateDefinition } from '@hjulet/domain';
import { DEMO, startTestServer, type TestServer } from '../../test/support/test-server.js';
import { answerList, reviewInput, safetyTemplate, SUBMIT_REVIEWS } from '../../test/support/factories.js';

interface Version {
  id: string;
  templateKey: string;
  version: number;
  status: 'DRAFT' | 'PUBLISHED';
  publishedAt: string | null;
  sections: Array<{ key: string; items: Array<{ key: string; text: { sv: string } }> }>;
}
interface ReviewView {
  templateVersion: { version: number };
  answers: Array<{ itemKey: string; value: string | null }>;
  risks: Array<{ itemKey: string; category: string; suggestedActions: Array<{ key: string }> }>;
}
interface Submitted {
  submitReviews: Array<{ outcome: string; review: { risks: Array<{ itemKey: string }> } | null; error: { field: string | null } | null }>;
}

const VERSION = `id templateKey version status publishedAt sections { key items { key text { sv } } }`;
const IMPORT = `mutation Import($d: JSONObject!, $publish: Boolean!) { importTemplate(definition: $d, publish: $publish) { ${VERSION} } }`;
const UPDATE = `mutation Update($id: UUID!, $d: JSONObject!) { updateTemplateDraft(versionId: $id, definition: $d) { ${VERSION} } }`;
const PUBLISH = `mutation Publish($id: UUID!) { publishTemplateVersion(versionId: $id) { ${VERSION} } }`;
const TEMPLATES = `{ templates { key versions { version status } latestPublished { id version } } }`;
const REVIEW = `query($id: UUID!) { review(id: $id) { templateVersion { version } answers { itemKey value } risks { itemKey category suggestedActions { key } } } }`;

const SAFETY = 'sakerhet-hjalpbehov';
const ALARM_TEXT_V2 = 'Finns minst en fungerande brandvarnare i bostaden?';

let server: TestServer;
let admin: string;
let coordinator: string;
let staff: string;
let norr: string[];
let draftId: string;
let reviewOnV1: { id: string; view: ReviewView };

/** Version 2 of the safety checklist: the trip-hazard question removed. */
function safetyWithoutTripHazards(): TemplateDefinition {
  const def = safetyTemplate();
  return { ...def, sections: def.sections.map((s) => ({ ...s, items: s.items.filter((i) => i.key !== 'trip_hazards') })) };
}

/** ... and the smoke-alarm question reworded. */
function safetyV2(): TemplateDefinition {
  const def = safetyWithoutTripHazards();
  const reword = (item: TemplateDefinition['sections'][number]['items'][number]) =>
    item.key === 'alarm_present' ? { ...item, text: { sv: ALARM_TEXT_V2, en: 'Is at least one working smoke alarm installed?' } } : item;
  return { ...def, sections: def.sections.map((s) => ({ ...s, items: s.items.map(reword) })) };
}

const itemOf = (v: Version | undefined, key: string) => v?.sections.flatMap((s) => s.items).find((i) => i.key === key);

const templatesAs = async (token: string) =>
  (
    await server.gql<{
      templates: Array<{ key: string; versions: Array<{ version: number; status: string }>; latestPublished: { id: string; version: number } | null }>;
    }>(TEMPLATES, {}, token)
  ).data?.templates.find((t) => t.key === SAFETY);

beforeAll(async () => {
  server = await startTestServer();
  [admin, coordinator, staff] = await Promise.all([server.tokenFor(DEMO.admin), server.tokenFor(DEMO.coordinator), server.tokenFor(DEMO.staff)]);
  const norrUnit = server.seed.unitIds[0];
  norr = server.seed.recipients.filter((r) => r.unitId === norrUnit).map((r) => r.id);

  const input = reviewInput(norr[0] as string, server.seed.templateVersionId);
  const submitted = await server.gql<{ submitReviews: Array<{ review: { id: string } }> }>(SUBMIT_REVIEWS, { input: [input] }, staff);
  const id = submitted.data?.submitReviews[0]?.review.id as string;
  const view = (await server.gql<{ review: ReviewView }>(REVIEW, { id }, staff)).data?.review as ReviewView;
  reviewOnV1 = { id, view };
});
afterAll(() => server?.close());

describe('a new version of the safety checklist', () => {
  it("is imported by an admin (it is the whole municipality's) as a draft of version 2, since version 1 is published", async () => {
    const res = await server.gql<{ importTemplate: Version }>(IMPORT, { d: safetyWithoutTripHazards(), publish: false }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data?.importTemplate).toMatchObject({ templateKey: SAFETY, version: 2, status: 'DRAFT', publishedAt: null });
    expect(itemOf(res.data?.importTemplate, 'trip_hazards')).toBeUndefined();
    draftId = res.data?.importTemplate.id as string;
  });

  it('is not shown to staff while it is a draft', async () => {
    expect((await templatesAs(staff))?.versions.map((v) => v.version)).toEqual([1]);
    expect((await templatesAs(coordinator))?.versions).toEqual([
      { version: 2, status: 'DRAFT' },
      { version: 1, status: 'PUBLISHED' },
    ]);
    const res = await server.gql(`query($id: UUID!) { templateVersion(id: $id) { id } }`, { id: draftId }, staff);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it('can be reworded while it is a draft', async () => {
    const res = await server.gql<{ updateTemplateDraft: Version }>(UPDATE, { id: draftId, d: safetyV2() }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data?.updateTemplateDraft).toMatchObject({ id: draftId, version: 2, status: 'DRAFT' });
    expect(itemOf(res.data?.updateTemplateDraft, 'alarm_present')?.text.sv).toBe(ALARM_TEXT_V2);
  });

  it('is published, and then staff see it as the latest version', async () => {
    const res = await server.gql<{ publishTemplateVersion: Version }>(PUBLISH, { id: draftId }, admin);
    expect(res.data?.publishTemplateVersion).toMatchObject({ id: draftId, version: 2, status: 'PUBLISHED' });
    expect(res.data?.publishTemplateVersion.publishedAt).not.toBeNull();
    expect((await templatesAs(staff))?.latestPublished).toEqual({ id: draftId, version: 2 });
  });

  it('cannot be changed or published again once published (CONFLICT)', async () => {
    const update = await server.gql(UPDATE, { id: draftId, d: safetyTemplate() }, admin);
    expect(update.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'versionId' });
    const publish = await server.gql(PUBLISH, { id: draftId }, admin);
    expect(publish.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'versionId' });
    const stored = await server.gql<{ templateVersion: Version }>(`query($id: UUID!) { templateVersion(id: $id) { ${VERSION} } }`, { id: draftId }, staff);
    expect(itemOf(stored.data?.templateVersion, 'trip_hazards')).toBeUndefined();
  });

  it('is protected by the database itself against UPDATE and DELETE', async () => {
    const definitionOf = async (id: string) =>
      JSON.stringify(
        ((await server.dataSource.query(`SELECT definition FROM template_version WHERE id = $1`, [id])) as Array<{ definition: unknown }>)[0]?.definition,
      );
    const [v1, v2] = [await definitionOf(server.seed.templateVersionId), await definitionOf(draftId)];
    await expect(server.dataSource.query(`UPDATE template_version SET definition = '{}'::jsonb WHERE id = $1`, [draftId])).rejects.toThrow(/immutable/);
    await expect(server.dataSource.query(`DELETE FROM template_version WHERE id = $1`, [server.seed.templateVersionId])).rejects.toThrow(/immutable/);
    expect([await definitionOf(server.seed.templateVersionId), await definitionOf(draftId)]).toEqual([v1, v2]);
    expect(v1).toContain('trip_hazards');
  });

  it('leaves a review completed on version 1 with its answers and risks', async () => {
    const res = await server.gql<{ review: ReviewView }>(REVIEW, { id: reviewOnV1.id }, staff);
    expect(res.data?.review).toEqual(reviewOnV1.view);
    expect(res.data?.review.templateVersion.version).toBe(1);
    expect(res.data?.review.answers).toContainEqual({ itemKey: 'trip_hazards', value: 'yes' });
    const tripRisk = res.data?.review.risks.find((r) => r.itemKey === 'trip_hazards');
    expect(tripRisk?.suggestedActions.length).toBeGreaterThan(0);
  });

  it('still accepts a review of version 1 from a phone that has not updated, and refuses its answers on version 2', async () => {
    const onV1 = reviewInput(norr[1] as string, server.seed.templateVersionId);
    const onV2 = reviewInput(norr[2] as string, draftId);
    const res = await server.gql<Submitted>(SUBMIT_REVIEWS, { input: [onV1, onV2] }, staff);
    const [first, second] = res.data?.submitReviews ?? [];
    expect(first?.outcome).toBe('CREATED');
    expect(first?.review?.risks.map((r) => r.itemKey).sort()).toEqual(['alarm_present', 'trip_hazards']);
    expect(second).toMatchObject({ outcome: 'REJECTED', error: { field: 'answers.trip_hazards' } });
  });
});

describe('an invalid template definition', () => {
  it('is refused with BAD_USER_INPUT listing every problem, and nothing is stored', async () => {
    const def = safetyTemplate();
    const [first, second, third] = def.sections[0]?.items ?? [];
    if (!first || !second || !third) throw new Error('the safety checklist starts with three items');
    second.key = first.key;
    first.showWhen = { itemKey: 'alarm_perceived', equals: ['yes'] };
    if (third.risk) third.risk.category = 'vatten';
    const before = await server.tableCounts();

    const res = await server.gql(IMPORT, { d: def, publish: true }, coordinator);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.issues).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_KEY', field: 'definition.sections[0].items[1].key' }),
      expect.objectContaining({ code: 'NOT_EARLIER', field: 'definition.sections[0].items[0].showWhen.itemKey' }),
      expect.objectContaining({ code: 'UNKNOWN_CATEGORY', field: 'definition.sections[0].items[2].risk.category' }),
    ]);
    expect(await server.tableCounts()).toEqual(before);
  });

  it('may not be imported by staff at all (FORBIDDEN)', async () => {
    const res = await server.gql(IMPORT, { d: safetyTemplate(), publish: false }, staff);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

/** A checklist nobody wrote code for: three fall-prevention questions of three answer types. */
function fallPrevention(): TemplateDefinition {
  const label = (sv: string, en: string) => ({ sv, en });
  return {
    key: 'fallprevention',
    title: label('Checklista – fallprevention', 'Checklist – fall prevention'),
    riskCategories: [
      { key: 'fall', label: label('Fall', 'Falls') },
      { key: 'miljo', label: label('Boendemiljö', 'Home environment') },
    ],
    qualityDimensions: [{ key: 'sakerhet', label: label('Säkerhet', 'Safe') }],
    sections: [
      {
        key: 'fall',
        title: label('Fall', 'Falls'),
        items: [
          {
            key: 'fallen_last_year',
            text: label('Har personen fallit det senaste året?', 'Has the person fallen in the last year?'),
            answerType: 'yes_no_dont_know',
            qualityDimension: 'sakerhet',
            risk: {
              when: ['yes'],
              category: 'fall',
              severity: 'high',
              reportableToFireService: false,
              suggestedActions: [
                { key: 'fall_assessment', text: label('Arbetsterapeut gör fallriskbedömning', 'Fall risk assessment'), actor: 'occupational_therapist' },
              ],
            },
          },
          {
            key: 'rugs_secured',
            text: label('Ligger mattorna fast?', 'Are the rugs secured?'),
            answerType: 'yes_no_na',
            risk: { when: ['no'], category: 'miljo', severity: 'medium', reportableToFireService: false, suggestedActions: [] },
          },
          {
            key: 'night_light',
            text: label('Finns nattbelysning?', 'Is there night lighting?'),
            answerType: 'single_choice',
            options: [
              { value: 'all_rooms', label: label('I alla rum', 'In every room') },
              { value: 'none', label: label('Ingen', 'None') },
            ],
            risk: { when: ['none'], category: 'miljo', severity: 'low', reportableToFireService: false, suggestedActions: [] },
          },
        ],
      },
    ],
  };
}

describe('a brand-new checklist', () => {
  it('works end to end without a code change: imported, published, run by staff, risks derived', async () => {
    const imported = await server.gql<{ importTemplate: Version }>(IMPORT, { d: fallPrevention(), publish: false }, coordinator);
    expect(imported.data?.importTemplate).toMatchObject({ templateKey: 'fallprevention', version: 1, status: 'DRAFT' });
    const versionId = imported.data?.importTemplate.id as string;
    const published = await server.gql<{ publishTemplateVersion: Version }>(PUBLISH, { id: versionId }, coordinator);
    expect(published.data?.publishTemplateVersion.status).toBe('PUBLISHED');

    const offerInput = { clientId: randomUUID(), recipientId: norr[3], templateVersionId: versionId };
    const offered = await server.gql<{ offerReview: { id: string } }>(
      `mutation($i: OfferReviewInput!) { offerReview(input: $i) { id } }`,
      { i: offerInput },
      staff,
    );
    const answers = answerList({ fallen_last_year: 'yes', rugs_secured: 'yes', night_light: 'none' });
    const completed = await server.gql<{
      completeReview: {
        status: string;
        templateVersion: { templateKey: string };
        risks: Array<{ itemKey: string; category: string; severity: string; suggestedActions: Array<{ key: string; actor: string }> }>;
      };
    }>(
      `mutation($id: UUID!, $input: CompleteReviewInput!) { completeReview(reviewId: $id, input: $input) {
         status templateVersion { templateKey } risks { itemKey category severity suggestedActions { key actor } } } }`,
      { id: offered.data?.offerReview.id, input: { answers } },
      staff,
    );
    expect(completed.errors).toBeUndefined();
    expect(completed.data?.completeReview).toMatchObject({ status: 'COMPLETED', templateVersion: { templateKey: 'fallprevention' } });
    expect(completed.data?.completeReview.risks).toEqual([
      { itemKey: 'fallen_last_year', category: 'fall', severity: 'HIGH', suggestedActions: [{ key: 'fall_assessment', actor: 'OCCUPATIONAL_THERAPIST' }] },
      { itemKey: 'night_light', category: 'miljo', severity: 'LOW', suggestedActions: [] },
    ]);
  });
});
