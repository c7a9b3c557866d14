import { formatIsoDate, swedishEpochDayOf } from './calendar.js';

/*
 * Deviations and lex Sarah (avvikelser; SOSFS 2011:9 ch. 5 § 1, and for social services reports of
 * missförhållanden under SoL 14 ch. and SOSFS 2011:5): what a report holds, what may be sent, how a case
 * moves (received → investigated → closed), when each step is due, and who may read a lex Sarah report.
 * Pure, so the phone checks a report offline by the same rules the server applies.
 */

export const DEVIATION_KINDS = ['missed_visit', 'fall', 'medication', 'missforhallande', 'other'] as const;
export type DeviationKind = (typeof DEVIATION_KINDS)[number];

export const DEVIATION_STATUSES = ['received', 'investigated', 'closed'] as const;
export type DeviationStatus = (typeof DEVIATION_STATUSES)[number];

export const DEVIATION_LIMITS = { descriptionMax: 4000, immediateActionMax: 2000, findingsMax: 4000, causeDescriptionMax: 2000, actionMax: 1000 } as const;

/**
 * Days from receipt to the investigation's and the closing's deadlines. SOSFS 2011:5 asks for lex Sarah
 * reports to be investigated without delay (skyndsamt) and a serious case to be notified to IVO without
 * delay; two weeks to a finished investigation (and so to the IVO notification) and four to a closed case
 * is what Swedish municipalities' own routines commonly set, and what Hjulet uses for every deviation.
 */
export const DEVIATION_INVESTIGATE_DAYS = 14;
export const DEVIATION_CLOSE_DAYS = 28;

/** How far ahead of the server's clock a phone's "when it happened" may be (clocks drift). */
const CLOCK_SKEW_MS = 10 * 60_000;

export interface DeviationProblem {
  field: string;
  code: 'REQUIRED' | 'TOO_LONG' | 'INVALID';
  message: string;
}

export interface DeviationReportContent {
  kind: DeviationKind;
  lexSarah: boolean;
  occurredAt: Date;
  description: string;
  immediateAction: string | null;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: DeviationProblem[] };

const optional = (text: string | null | undefined): string | null => {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

const tooLong = (field: string, text: string | null, max: number): DeviationProblem[] =>
  text !== null && [...text].length > max ? [{ field, code: 'TOO_LONG', message: `${field} is longer than ${max} characters` }] : [];

/**
 * Checks a report: what happened (required), when (not in the future), what was done at once (optional).
 * A missförhållande, or the risk of one, is always a lex Sarah report, whatever the reporter ticked: it
 * must reach only the designated group.
 */
export function checkDeviationReport(
  input: { kind: DeviationKind; lexSarah: boolean; occurredAt: Date; description: string; immediateAction?: string | null | undefined },
  now: Date,
): Checked<DeviationReportContent> {
  const description = input.description.trim();
  const immediateAction = optional(input.immediateAction);
  const problems: DeviationProblem[] = [
    ...(description === '' ? [{ field: 'description', code: 'REQUIRED' as const, message: 'Say what happened' }] : []),
    ...tooLong('description', description, DEVIATION_LIMITS.descriptionMax),
    ...tooLong('immediateAction', immediateAction, DEVIATION_LIMITS.immediateActionMax),
    ...(Number.isNaN(input.occurredAt.getTime()) || input.occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS
      ? [{ field: 'occurredAt', code: 'INVALID' as const, message: 'A deviation has happened: its time is not in the future' }]
      : []),
  ];
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: { kind: input.kind, lexSarah: input.lexSarah || input.kind === 'missforhallande', occurredAt: input.occurredAt, description, immediateAction },
  };
}

export interface DeviationInvestigation {
  findings: string;
  causeDescription: string | null;
}

/** Checks an investigation: what it found (required), the causes' free text (needed when a cause is `other`). */
export function checkDeviationInvestigation(input: {
  findings: string;
  causes: readonly string[];
  causeDescription?: string | null | undefined;
}): Checked<DeviationInvestigation> {
  const findings = input.findings.trim();
  const causeDescription = optional(input.causeDescription);
  const problems: DeviationProblem[] = [
    ...(findings === '' ? [{ field: 'findings', code: 'REQUIRED' as const, message: 'Say what the investigation found' }] : []),
    ...tooLong('findings', findings, DEVIATION_LIMITS.findingsMax),
    ...(input.causes.length === 0 ? [{ field: 'causes', code: 'REQUIRED' as const, message: 'Name at least one cause' }] : []),
    ...(input.causes.includes('other') && causeDescription === null
      ? [{ field: 'causeDescription', code: 'REQUIRED' as const, message: 'Say what the other cause is' }]
      : []),
    ...tooLong('causeDescription', causeDescription, DEVIATION_LIMITS.causeDescriptionMax),
  ];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { findings, causeDescription } };
}

/** The deadlines of a case received at `receivedAt`, as Swedish calendar days. */
export function deviationDeadlines(receivedAt: Date): { investigateBy: string; closeBy: string } {
  const day = swedishEpochDayOf(receivedAt.getTime());
  return { investigateBy: formatIsoDate(day + DEVIATION_INVESTIGATE_DAYS), closeBy: formatIsoDate(day + DEVIATION_CLOSE_DAYS) };
}

/** The deadline the case waits on now: the investigation's until it is investigated, then the closing's; none when closed. */
export function deviationDueOn(status: DeviationStatus, deadlines: { investigateBy: string; closeBy: string }): string | null {
  if (status === 'received') return deadlines.investigateBy;
  if (status === 'investigated') return deadlines.closeBy;
  return null;
}

/** Past the deadline it waits on, on the Swedish day `today` (YYYY-MM-DD). */
export function isDeviationOverdue(status: DeviationStatus, deadlines: { investigateBy: string; closeBy: string }, today: string): boolean {
  const due = deviationDueOn(status, deadlines);
  return due !== null && due < today;
}

/** Why the case cannot take the step, or null: an investigation may be revised until the case is closed; only an investigated case closes. */
export function deviationStepProblem(status: DeviationStatus, step: 'investigate' | 'close' | 'add_action'): string | null {
  if (status === 'closed') return 'The deviation is closed';
  if (step === 'close' && status !== 'investigated') return 'Investigate the deviation before closing it';
  return null;
}

/**
 * Who may read a report's content. A lex Sarah report: only the municipality's designated receivers
 * (not its reporter, not managers outside the group: they see that it exists). Any other deviation: the
 * reporter, and the unit's managers and coordinators by the scope rule the caller applies (`inScope`).
 */
export function mayReadDeviationContent(
  d: { lexSarah: boolean; reportedBy: string },
  reader: { userId: string; lexSarahReceiver: boolean; inScope: boolean },
): boolean {
  if (d.lexSarah) return reader.lexSarahReceiver;
  return reader.inScope || d.reportedBy === reader.userId;
}

/**
 * Who may be in the lex Sarah group: active unit managers and quality coordinators, who investigate (staff
 * report; admins run the system and read no deviations). The database ends a membership when a member
 * falls outside this (migration 1765180000000), so a designation never outlives the role it was given for.
 */
export function mayReceiveLexSarah(user: { role: string | null; active: boolean }): boolean {
  return user.active && (user.role === 'unit_manager' || user.role === 'quality_coordinator');
}

export interface IvoNotificationInput {
  municipalityName: string;
  unitName: string;
  caseReference: string;
  kind: DeviationKind;
  occurredAt: Date;
  receivedAt: Date;
  description: string;
  immediateAction: string | null;
  findings: string | null;
  causes: readonly string[];
  causeDescription: string | null;
  actions: ReadonlyArray<{ what: string; dueOn: string; status: string }>;
  contactName: string;
}

export interface IvoNotification {
  title: string;
  sections: Array<{ heading: string; body: string }>;
}

const KIND_SV: Record<DeviationKind, string> = {
  missed_visit: 'Missat besök',
  fall: 'Fall',
  medication: 'Läkemedel hanterat fel',
  missforhallande: 'Missförhållande eller påtaglig risk för missförhållande',
  other: 'Annat',
};
const CAUSE_SV: Record<string, string> = {
  environment: 'Miljö',
  equipment: 'Utrustning',
  health: 'Hälsa',
  behaviour: 'Beteende',
  information: 'Information och kommunikation',
  other: 'Annat',
};

const swedishDate = (d: Date) => formatIsoDate(swedishEpochDayOf(d.getTime()));

/**
 * The content of IVO's form "Anmälan enligt lex Sarah" (SoL 14 ch. 7 §), prefilled from the case, for the
 * designated receiver to check, complete and send: a document, not an integration. The person concerned is
 * named only by the case reference: IVO asks for identity in the form itself, filled in by hand.
 */
export function ivoNotification(c: IvoNotificationInput): IvoNotification {
  const none = 'Ej ifyllt';
  return {
    title: 'Anmälan till IVO enligt lex Sarah (SoL 14 kap. 7 §)',
    sections: [
      { heading: '1. Vårdgivare/huvudman och verksamhet', body: `${c.municipalityName}, ${c.unitName}` },
      { heading: '2. Ärende', body: `Avvikelse ${c.caseReference}. Rapporten togs emot ${swedishDate(c.receivedAt)}.` },
      { heading: '3. Vad har hänt', body: `${KIND_SV[c.kind]}, ${swedishDate(c.occurredAt)}.\n${c.description}` },
      { heading: '4. Vad gjordes omedelbart för att undanröja missförhållandet', body: c.immediateAction ?? none },
      {
        heading: '5. Utredning och orsaker',
        body: [c.findings ?? none, c.causes.length > 0 ? `Orsaker: ${c.causes.map((k) => CAUSE_SV[k] ?? k).join(', ')}.` : '', c.causeDescription ?? '']
          .filter((s) => s !== '')
          .join('\n'),
      },
      {
        heading: '6. Åtgärder för att förhindra att det händer igen',
        body: c.actions.length > 0 ? c.actions.map((a) => `- ${a.what} (senast ${a.dueOn}${a.status === 'done' ? ', klar' : ''})`).join('\n') : none,
      },
      { heading: '7. Den enskilde', body: 'Ange den enskildes uppgifter och om hen eller närstående har informerats.' },
      { heading: '8. Kontaktperson', body: c.contactName },
    ],
  };
}
