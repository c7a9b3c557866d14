/*
 * Processes and routines (processer och rutiner, SOSFS 2011:9 ch. 4): a routine says who does what, how
 * and when. Pure, so the phone and the server check the same rules: what a routine may hold, when a
 * change makes a new version that staff must confirm again, and when it is due for review.
 */

export const ROUTINE_LIMITS = {
  nameMax: 200,
  titleMax: 200,
  responsibleMax: 500,
  frequencyMax: 500,
  bodyMax: 20_000,
  descriptionMax: 2000,
} as const;

export interface RoutineProblem {
  field: string;
  code: 'REQUIRED' | 'TOO_LONG' | 'INVALID';
  message: string;
}

/** What a routine says, as written by its maintainer. Markdown in `body` and `bodyEn`; raw HTML is never rendered. */
export interface RoutineContent {
  title: string;
  titleEn: string | null;
  /** Who does it (e.g. "Den som har besöket"). */
  responsible: string;
  /** When or how often (e.g. "Varje månad"). */
  frequency: string;
  body: string;
  bodyEn: string | null;
  /** The day the owner reviews it again (`YYYY-MM-DD`). */
  reviewOn: string;
  /** The checklist template it belongs to, by key, and optionally one of its items (an item needs its template). */
  templateKey: string | null;
  itemKey: string | null;
}

export type RoutineContentInput = {
  [K in keyof RoutineContent]?: string | null | undefined;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const KEY = /^[a-z0-9][a-z0-9_-]{0,99}$/;

const optional = (text: string | null | undefined): string | null => {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

function sized(field: string, text: string | null, max: number, required: boolean): RoutineProblem[] {
  if (text === null) return required ? [{ field, code: 'REQUIRED', message: `${field} is required` }] : [];
  return [...text].length > max ? [{ field, code: 'TOO_LONG', message: `${field} is longer than ${max} characters` }] : [];
}

const isCalendarDate = (text: string): boolean => ISO_DATE.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;

/**
 * Checks a routine as written: title, who, when and the Swedish text required, English optional, a real
 * review date, and a checklist item named only with its template. Answers the
 * trimmed content with blanks as absent, or every problem found.
 */
export function checkRoutineContent(input: RoutineContentInput): { ok: true; value: RoutineContent } | { ok: false; problems: RoutineProblem[] } {
  const value: RoutineContent = {
    title: optional(input.title) ?? '',
    titleEn: optional(input.titleEn),
    responsible: optional(input.responsible) ?? '',
    frequency: optional(input.frequency) ?? '',
    body: optional(input.body) ?? '',
    bodyEn: optional(input.bodyEn),
    reviewOn: optional(input.reviewOn) ?? '',
    templateKey: optional(input.templateKey),
    itemKey: optional(input.itemKey),
  };
  const problems: RoutineProblem[] = [
    ...sized('title', value.title || null, ROUTINE_LIMITS.titleMax, true),
    ...sized('titleEn', value.titleEn, ROUTINE_LIMITS.titleMax, false),
    ...sized('responsible', value.responsible || null, ROUTINE_LIMITS.responsibleMax, true),
    ...sized('frequency', value.frequency || null, ROUTINE_LIMITS.frequencyMax, true),
    ...sized('body', value.body || null, ROUTINE_LIMITS.bodyMax, true),
    ...sized('bodyEn', value.bodyEn, ROUTINE_LIMITS.bodyMax, false),
  ];
  if (!isCalendarDate(value.reviewOn)) problems.push({ field: 'reviewOn', code: 'INVALID', message: 'reviewOn is not a date (YYYY-MM-DD)' });
  if (value.itemKey !== null && value.templateKey === null)
    problems.push({ field: 'templateKey', code: 'REQUIRED', message: 'A checklist item is named with its template (templateKey)' });
  for (const field of ['templateKey', 'itemKey'] as const) {
    const key = value[field];
    if (key !== null && !KEY.test(key)) problems.push({ field, code: 'INVALID', message: `${field} is not a key` });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

/** A process's or an activity's name: required, limited. */
export function checkRoutineName(field: string, name: string): { ok: true; name: string } | { ok: false; problems: RoutineProblem[] } {
  const trimmed = name.trim();
  const problems = sized(field, trimmed || null, ROUTINE_LIMITS.nameMax, true);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, name: trimmed };
}

/** The parts of a routine that staff confirm they have read: a change to any of them is a new version. */
const READ_PARTS = ['title', 'titleEn', 'responsible', 'frequency', 'body', 'bodyEn'] as const;

/**
 * The version a revised routine gets. What staff read (the text, who, when) makes a new version, which
 * everyone confirms anew; a new review date, owner or link alone does not, so a routine reviewed and found
 * good keeps its confirmations.
 */
export function revisedRoutineVersion(current: RoutineContent & { version: number }, next: RoutineContent): number {
  return READ_PARTS.some((part) => current[part] !== next[part]) ? current.version + 1 : current.version;
}

/** Whether a routine is past its review date on `today` (`YYYY-MM-DD`, Swedish): flagged to its owner. */
export const isRoutineReviewOverdue = (reviewOn: string, today: string): boolean => today > reviewOn;

/**
 * Why a confirmation cannot be taken: a version the routine never had. A confirmation of an earlier
 * version (read offline before a change) is a true record and is kept; it just is not the current one.
 */
export function routineConfirmationProblem(version: number, currentVersion: number): string | null {
  return Number.isInteger(version) && version >= 1 && version <= currentVersion ? null : `This routine has no version ${version}`;
}

/** Where a user stands with a routine: confirmed its current version, confirmed it on the phone (not yet sent), must read a new version, or never confirmed it. */
export type RoutineReading = 'confirmed' | 'waiting' | 'new_version' | 'unread';

/**
 * A user's reading of a routine from what the server last said they confirmed and what waits in the
 * phone's outbox. A newer version than the one confirmed is read anew.
 */
export function routineReading(version: number, confirmedVersion: number | null, waitingVersion: number | null): RoutineReading {
  if (waitingVersion !== null && waitingVersion >= version) return 'waiting';
  if (confirmedVersion !== null && confirmedVersion >= version) return 'confirmed';
  return confirmedVersion === null && waitingVersion === null ? 'unread' : 'new_version';
}

/**
 * Where a maintainer may write routines, as the server's scope rule has it: a unit manager their unit, a
 * quality coordinator their administration's units and the whole municipality, an admin every unit and the
 * whole municipality. Staff write none.
 */
export function routinePlaces<U extends { id: string; administrationId: string }>(
  who: { role: string; unitId: string | null; administrationId: string | null },
  units: readonly U[],
): { units: U[]; wholeMunicipality: boolean } {
  switch (who.role) {
    case 'unit_manager':
      return { units: units.filter((u) => u.id === who.unitId), wholeMunicipality: false };
    case 'quality_coordinator':
      return { units: units.filter((u) => u.administrationId === who.administrationId), wholeMunicipality: true };
    case 'admin':
      return { units: [...units], wholeMunicipality: true };
    default:
      return { units: [], wholeMunicipality: false };
  }
}

/**
 * Whether to offer a user "change" on a routine placed at `unitId` (null: the whole municipality's), from
 * what the phone knows: a unit manager their unit's; a coordinator or an admin any (the server refuses a
 * coordinator another administration's unit); staff none.
 */
export function mayOfferRoutineChange(who: { role: string; unitId: string | null }, unitId: string | null): boolean {
  if (who.role === 'unit_manager') return unitId !== null && unitId === who.unitId;
  return who.role === 'quality_coordinator' || who.role === 'admin';
}
