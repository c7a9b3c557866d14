import { allItems, routinePlaces, type RoutineContent } from '@hjulet/domain';
import { readReference, readTemplate } from '../../data/session-store.js';
import { GraphQLRequestError } from '../../sync/graphql-client.js';
import { SAFETY_TEMPLATE_KEY } from '../../sync/reference-sync.js';
import { planRequest } from '../plan/plan-api.js';

/*
 * Writing routines, for unit managers, coordinators and admins: online, through the API (as the
 * supervisors' screens are); the documents live here, in the routines chunk.
 */

/** A routine as the form holds it: text fields, empty for what is left out. */
export interface RoutineForm {
  activityId: string;
  /** '' for the whole municipality. */
  unitId: string;
  title: string;
  titleEn: string;
  responsible: string;
  frequency: string;
  body: string;
  bodyEn: string;
  reviewOn: string;
  /** A question of the safety checklist, '' for none. */
  itemKey: string;
}

export const FORM_FIELDS = ['activityId', 'unitId', 'title', 'titleEn', 'responsible', 'frequency', 'body', 'bodyEn', 'reviewOn', 'itemKey'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export interface EditorData {
  processes: Array<{ id: string; name: string; activities: Array<{ id: string; name: string }> }>;
  units: Array<{ id: string; name: string }>;
  wholeMunicipality: boolean;
  questions: Array<{ key: string; text: string }>;
  form: RoutineForm;
  /** Kept as they are on a change: who owns it, the goal it serves, a link to a whole template (no item). */
  ownerId: string | null;
  goalId: string | null;
  templateOnly: string | null;
}

interface EditorAnswer {
  me: { role: string; unitId: string | null; administrationId: string | null };
  organisation: { units: Array<{ id: string; name: string; administrationId: string }> };
  routineProcesses: EditorData['processes'];
}

/** A routine as the server holds it: what it says, and where it belongs. */
interface StoredRoutine extends RoutineContent {
  activityId: string;
  unitId: string | null;
  ownerId: string;
  goalId: string | null;
}

const ROUTINE_FIELDS = 'activityId unitId ownerId goalId title titleEn responsible frequency body bodyEn reviewOn templateKey itemKey';

/** A year from today: a routine's first review date unless the writer picks another. */
const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

/** What the form needs: the register's activities, the places the user may write for, the checklist's questions, the routine when changing one. */
export async function loadEditor(userId: string, routineId: string | null, locale: 'sv' | 'en'): Promise<EditorData> {
  const data = await planRequest<EditorAnswer>(
    `{ me { role unitId administrationId } organisation { units { id name administrationId } } routineProcesses { id name activities { id name } } }`,
  );
  // The API names roles as GraphQL enum values (UNIT_MANAGER); the domain as stored (unit_manager).
  const places = routinePlaces({ ...data.me, role: data.me.role.toLowerCase() }, data.organisation.units);
  const stored = routineId
    ? (await planRequest<{ routine: StoredRoutine }>(`query($id: UUID!) { routine(id: $id) { ${ROUTINE_FIELDS} } }`, { id: routineId })).routine
    : null;
  const firstActivity = data.routineProcesses.flatMap((p) => p.activities)[0]?.id ?? '';
  return {
    processes: data.routineProcesses,
    units: places.units.map((u) => ({ id: u.id, name: u.name })),
    wholeMunicipality: places.wholeMunicipality,
    questions: await safetyQuestions(userId, locale),
    ownerId: stored?.ownerId ?? null,
    goalId: stored?.goalId ?? null,
    templateOnly: stored && stored.itemKey === null ? stored.templateKey : null,
    form: {
      activityId: stored?.activityId ?? firstActivity,
      unitId: stored ? (stored.unitId ?? '') : (places.units[0]?.id ?? ''),
      title: stored?.title ?? '',
      titleEn: stored?.titleEn ?? '',
      responsible: stored?.responsible ?? '',
      frequency: stored?.frequency ?? '',
      body: stored?.body ?? '',
      bodyEn: stored?.bodyEn ?? '',
      reviewOn: stored?.reviewOn ?? inAYear(),
      itemKey: stored?.itemKey ?? '',
    },
  };
}

/** The safety checklist's questions, from the phone's copy. */
async function safetyQuestions(userId: string, locale: 'sv' | 'en'): Promise<Array<{ key: string; text: string }>> {
  const versionId = (await readReference(userId))?.safetyTemplateVersionId;
  const template = versionId ? await readTemplate(versionId) : undefined;
  return template ? allItems(template.definition).map((i) => ({ key: i.key, text: i.text[locale] })) : [];
}

/** Saves the form: a new routine, or a change to `routineId`. Answers the routine's id. */
export async function saveRoutine(data: EditorData, form: RoutineForm, routineId: string | null): Promise<string> {
  const optional = (text: string) => (text.trim() === '' ? null : text);
  const input = {
    activityId: form.activityId,
    unitId: optional(form.unitId),
    title: form.title,
    titleEn: optional(form.titleEn),
    responsible: form.responsible,
    frequency: form.frequency,
    body: form.body,
    bodyEn: optional(form.bodyEn),
    reviewOn: form.reviewOn,
    templateKey: form.itemKey ? SAFETY_TEMPLATE_KEY : data.templateOnly,
    itemKey: optional(form.itemKey),
    ...(data.ownerId ? { ownerId: data.ownerId } : {}),
    ...(data.goalId ? { goalId: data.goalId } : {}),
  };
  if (routineId) {
    const answer = await planRequest<{ reviseRoutine: { id: string } }>(
      `mutation($id: UUID!, $input: RoutineInput!) { reviseRoutine(id: $id, input: $input) { id } }`,
      { id: routineId, input },
    );
    return answer.reviseRoutine.id;
  }
  const answer = await planRequest<{ createRoutine: { id: string } }>(`mutation($input: RoutineInput!) { createRoutine(input: $input) { id } }`, { input });
  return answer.createRoutine.id;
}

/** The form fields a refusal names, each with its problem's code; a refusal of no field is for the whole form. */
export function refusedFields(error: unknown): { fields: Map<FormField, string>; other: string | null } {
  const fields = new Map<FormField, string>();
  if (!(error instanceof GraphQLRequestError) || error.failure.kind !== 'refused')
    return { fields, other: error instanceof Error ? error.message : String(error) };
  const { failure } = error;
  const issues = failure.issues?.length ? failure.issues : [{ field: failure.field ?? '', code: failure.code, message: failure.message }];
  for (const issue of issues) {
    const name = issue.field.replace(/^input\./, '').replace(/^templateKey$/, 'itemKey');
    if ((FORM_FIELDS as readonly string[]).includes(name)) fields.set(name as FormField, issue.code === 'BAD_USER_INPUT' ? 'INVALID' : issue.code);
  }
  return { fields, other: fields.size === 0 ? failure.message : null };
}
