/*
 * The loggutdrag: one care recipient's log as a person may ask for it (GDPR art. 15; for social-care
 * documentation the right to know who has read one's records). Pure formatting, Swedish first with English.
 */

export interface LogExtractRow {
  occurredAt: Date;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
}

const ACTIONS: Record<string, string> = {
  read: 'läste / read',
  create: 'skapade / created',
  update: 'ändrade / changed',
  close: 'stängde / closed',
  refused: 'nekades / refused',
  hand_over: 'överlämnade / handed over',
  discard: 'kasserade / discarded',
  erase: 'raderade / erased',
  export: 'tog loggutdrag / took a log extract',
  partner_request: 'partnerförfrågan / partner request',
};

const ENTITIES: Record<string, string> = {
  care_recipient: 'uppgifter om brukaren / the care recipient',
  review: 'genomgång / review',
  follow_up_action: 'åtgärd / follow-up action',
  referral: 'remiss till räddningstjänsten / referral to the fire service',
  care_event: 'händelse / event',
  risk_follow_up: 'uppföljning av risker / risk follow-up',
  cause_analysis: 'orsaksanalys / cause analysis',
  audit_event: 'loggen / the log',
};

const ROLES: Record<string, string> = {
  staff: 'omsorgspersonal / staff',
  unit_manager: 'enhetschef / unit manager',
  quality_coordinator: 'kvalitetsutvecklare / quality coordinator',
  admin: 'administratör / admin',
  partner: 'räddningstjänsten / fire service',
};

const HEADER = ['Tidpunkt / Time (Europe/Stockholm)', 'Vem / Who', 'Roll / Role', 'Vad / What', 'Uppgift / Record', 'Id'];

/** Local Swedish time, `YYYY-MM-DD HH:MM:SS`. */
const stockholm = (instant: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'medium' }).format(instant);

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs a cell as a formula. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The extract as CSV (UTF-8 with a byte order mark, so Excel shows å, ä and ö), oldest event first. */
export function logExtractCsv(rows: readonly LogExtractRow[]): string {
  const lines = [
    HEADER,
    ...rows.map((r) => [
      stockholm(r.occurredAt),
      r.actorName ?? (r.actorRole ? '' : 'systemet / the system'),
      r.actorRole ? (ROLES[r.actorRole] ?? r.actorRole) : '',
      ACTIONS[r.action] ?? r.action,
      ENTITIES[r.entityType] ?? r.entityType,
      r.entityId ?? '',
    ]),
  ];
  return `\uFEFF${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
}
