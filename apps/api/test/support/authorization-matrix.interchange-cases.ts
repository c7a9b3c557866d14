import type { TemplateDefinition } from '@hjulet/domain';
import { templateToXlsForm } from '../../src/interchange/xlsform-export.js';
import { writeWorkbook } from '../../src/interchange/xlsform-workbook.js';
import type { MatrixCase, Outcome, Target } from './authorization-matrix.cases.js';
import { PLACES, definitionWithKey, type Caller, type Place, type Role, type Vars, type World } from './authorization-matrix.world.js';
import { safetyTemplate } from './factories.js';

/*
 * Interchange (issue 10 §6): templates in and out as XLSForm and FHIR, for those who author templates;
 * a review as a de-identified QuestionnaireResponse for the coordinator of its administration.
 */

const AUTHORS: readonly Role[] = ['quality_coordinator', 'admin'];

const BOTH_OK: Partial<Record<Caller, Outcome>> = { quality_coordinator: 'ok', admin: 'ok' };

/** The versions an author sees: the municipality's, their administration's drafts, not another administration's. */
const versionTargets = (): Target[] => [
  { label: 'published', vars: async (w) => ({ id: w.templateVersionId }), reach: BOTH_OK },
  { label: 'draft', vars: async (w) => ({ id: w.draftVersionId }), reach: BOTH_OK },
  {
    label: 'published for another administration',
    vars: async (w: World) => ({ id: (await w.draftVersion('Kolmården', true)).id }),
    reach: { quality_coordinator: 'NOT_FOUND', admin: 'ok' },
  },
];

const xlsxOf = async (definition: Vars): Promise<string> =>
  (await writeWorkbook(templateToXlsForm(definition as unknown as TemplateDefinition))).toString('base64');

const REVIEW_REACH: Record<Place, Outcome> = { Norr: 'ok', Söder: 'ok', Kolmården: 'FORBIDDEN', 'another municipality': 'NOT_FOUND' };

export const INTERCHANGE_CASES: MatrixCase[] = [
  {
    operation: 'templateVersionXlsForm',
    kind: 'query',
    roles: AUTHORS,
    document: `query($id: UUID!) { templateVersionXlsForm(id: $id) { fileName } }`,
    targets: versionTargets(),
  },
  {
    operation: 'templateVersionQuestionnaire',
    kind: 'query',
    roles: AUTHORS,
    document: `query($id: UUID!) { templateVersionQuestionnaire(id: $id) }`,
    targets: versionTargets(),
  },
  {
    operation: 'reviewQuestionnaireResponse',
    kind: 'query',
    roles: ['quality_coordinator'],
    document: `query($id: UUID!) { reviewQuestionnaireResponse(reviewId: $id) }`,
    targets: PLACES.map((place) => ({
      label: `in ${place}`,
      vars: async (w) => ({ id: w.places[place].reviewId }),
      reach: { quality_coordinator: REVIEW_REACH[place] },
    })),
  },
  {
    operation: 'importXlsForm',
    kind: 'mutation',
    roles: AUTHORS,
    document: `mutation($f: String!, $a: UUID) { importXlsForm(input: { fileBase64: $f, administrationId: $a }) { templateVersion { id } } }`,
    targets: [
      { label: 'a new template', vars: async () => ({ f: await xlsxOf(definitionWithKey()) }), reach: BOTH_OK },
      {
        label: 'a new version of the municipality-wide checklist',
        vars: async () => ({ f: await xlsxOf(safetyTemplate() as unknown as Vars) }),
        reach: { quality_coordinator: 'FORBIDDEN', admin: 'ok' },
      },
      {
        label: 'for another administration',
        vars: async (w) => ({ f: await xlsxOf(definitionWithKey()), a: w.places.Kolmården.administrationId }),
        reach: { quality_coordinator: 'FORBIDDEN', admin: 'ok' },
      },
    ],
  },
];
