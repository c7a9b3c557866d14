import { randomInt, randomUUID } from 'node:crypto';
import {
  checkFeedbackAnswer,
  checkFeedbackContent,
  FEEDBACK_SEQUENCE_LIMIT,
  feedbackChangeProblem,
  feedbackDates,
  formatCaseNumber,
  isFeedbackOverdue,
  isKommunkod,
  swedishDateOf,
  type FeedbackChannel,
  type FeedbackKind,
  type FeedbackProblem,
  type FeedbackStatus,
} from '@hjulet/domain';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import type { AuditEntry, AuditService, AuditSource } from '../audit/audit.service.js';
import { canReach } from '../access/scope.js';
import { AccessRefused, AppError, badInput, conflict } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { FeedbackThrottle } from './feedback-throttle.js';
import type { FeedbackCaseRecord, FeedbackRepository } from './feedback.repository.js';

export const MAX_FEEDBACK_PAGE = 500;

export interface FeedbackContentInput {
  kind: FeedbackKind;
  unitId?: string | null | undefined;
  message: string;
  contactName?: string | null | undefined;
  contactEmail?: string | null | undefined;
  contactPhone?: string | null | undefined;
}

export interface PublicFeedbackInput extends FeedbackContentInput {
  /** The municipality's kommunkod. */
  municipality: string;
  /** The honeypot: a field the form hides from people; anything in it means a bot. */
  website?: string | null | undefined;
}

export interface StaffFeedbackInput extends FeedbackContentInput {
  channel: FeedbackChannel;
}

export interface FeedbackReceipt {
  caseNumber: string;
  dueOn: string;
}

export interface FeedbackCaseFilter {
  status?: FeedbackStatus | null | undefined;
  unitId?: string | null | undefined;
  overdue?: boolean | null | undefined;
  first?: number | null | undefined;
}

/** A case as answered to staff: the record and whether it is past its deadline today. */
export type FeedbackCase = FeedbackCaseRecord & { overdue: boolean };

/** The first problem as the error, every problem in `issues`, each field named under `input`. */
function refuse(problems: readonly FeedbackProblem[], prefix: string): AppError {
  const issues = problems.map((p) => ({ field: `${prefix}${p.field}`, code: p.code, message: p.message }));
  const first = issues[0] as { field: string; message: string };
  return badInput(first.message, first.field, issues);
}

/**
 * Whether a principal may see (and so change) a case: its unit by the one scope rule (canReach); a case
 * without a unit is for the municipality's coordinators and admins, who route it. feedback.repository.ts
 * holds the same rule as SQL for lists.
 */
function assertCaseReach(principal: Principal, c: FeedbackCaseRecord | null, id: string): asserts c is FeedbackCaseRecord {
  const subject = { entityType: 'feedback_case', entityId: id };
  if (!c || c.municipalityId !== principal.municipalityId) throw new AccessRefused('NOT_FOUND', 'Feedback case not found', 'id', subject);
  const reachable =
    c.unitId === null || c.administrationId === null
      ? principal.role === 'quality_coordinator' || principal.role === 'admin'
      : canReach(principal, { unitId: c.unitId, administrationId: c.administrationId, municipalityId: c.municipalityId });
  if (!reachable) throw new AccessRefused('FORBIDDEN', 'This feedback case is outside your scope', 'id', subject);
}

const hasContact = (c: FeedbackCaseRecord) => c.contactName !== null || c.contactEmail !== null || c.contactPhone !== null;

/** A read of a case (its message and contact details are personal data): one audit row per case shown. */
const readEntry = (c: FeedbackCaseRecord): AuditEntry => ({
  action: 'read',
  entityType: 'feedback_case',
  entityId: c.id,
  details: { caseNumber: c.caseNumber, contactDetails: hasContact(c) },
});

/**
 * Complaints and feedback (SOSFS 2011:9 ch. 5): anyone submits through the public form, staff register
 * what came by phone, letter or in person; coordinators route a case to the responsible unit, and the unit's
 * manager (or a coordinator, or an admin) records the investigation and the answer, which closes it.
 */
export class FeedbackService {
  constructor(
    private readonly repo: FeedbackRepository,
    private readonly transactions: UnitOfWork,
    private readonly audit: AuditService,
    private readonly throttle: FeedbackThrottle,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The municipality's units for the public form: id and name only. NOT_FOUND for an unknown kommunkod. */
  async publicUnits(kommunkod: string): Promise<Array<{ id: string; name: string }>> {
    return this.repo.unitsOf(await this.municipalityOf(kommunkod, 'municipality'));
  }

  /**
   * The public form. Counted against the address first; a filled honeypot is answered like a success,
   * with a case number no case can have (FEEDBACK_SEQUENCE_LIMIT and up), and stores nothing.
   */
  async submit(source: AuditSource, address: string, input: PublicFeedbackInput): Promise<FeedbackReceipt> {
    await this.throttle.submission(address);
    const checked = checkFeedbackContent(input);
    if (!checked.ok) throw refuse(checked.problems, 'input.');
    const municipalityId = await this.municipalityOf(input.municipality, 'input.municipality');
    const receivedAt = this.clock();
    const { year, dueOn } = feedbackDates(receivedAt);
    return this.transactions.run(async (m) => {
      await this.unitOf(m, municipalityId, input.unitId);
      if ((input.website ?? '').trim() !== '') return { caseNumber: formatCaseNumber(year, FEEDBACK_SEQUENCE_LIMIT + randomInt(10_000 - 1)), dueOn };
      return this.store(m, source, { ...input, ...checked.value, channel: 'web', municipalityId, registeredBy: null, receivedAt });
    });
  }

  /** Feedback that came by phone, on paper or in person, written down by staff of the municipality. */
  async register(caller: Caller, input: StaffFeedbackInput): Promise<FeedbackReceipt> {
    if (input.channel === 'web') throw badInput('Feedback through the web form is submitted there; choose phone, paper or in person', 'input.channel');
    const checked = checkFeedbackContent(input);
    if (!checked.ok) throw refuse(checked.problems, 'input.');
    const { municipalityId, userId } = caller.principal;
    return this.transactions.run(async (m) => {
      await this.unitOf(m, municipalityId, input.unitId);
      return this.store(m, caller, { ...input, ...checked.value, municipalityId, registeredBy: userId, receivedAt: this.clock() });
    });
  }

  /** The caller's cases, newest first; each one shown is audited as a read. */
  async cases(caller: Caller, filter: FeedbackCaseFilter | null | undefined): Promise<FeedbackCase[]> {
    const first = filter?.first ?? 100;
    if (!Number.isInteger(first) || first < 1 || first > MAX_FEEDBACK_PAGE) throw badInput(`first must be 1 to ${MAX_FEEDBACK_PAGE}`, 'filter.first');
    const today = swedishDateOf(this.clock());
    return this.transactions.run(async (m) => {
      const rows = await this.repo.list(m, caller.principal, {
        status: filter?.status,
        unitId: filter?.unitId,
        overdueOn: filter?.overdue ? today : null,
        first,
      });
      await this.audit.record(caller, rows.map(readEntry), m);
      return rows.map((c) => this.view(c, today));
    });
  }

  /** Makes `unitId` responsible for the case and starts the investigation. */
  async route(caller: Caller, id: string, unitId: string): Promise<FeedbackCase> {
    return this.transactions.run(async (m) => {
      const current = await this.openCase(m, caller.principal, id);
      const target = await this.repo.unitIn(caller.principal.municipalityId, unitId, m);
      const subject = { entityType: 'unit', entityId: unitId };
      if (!target) throw new AccessRefused('NOT_FOUND', 'Unit not found', 'unitId', subject);
      if (!canReach(caller.principal, target)) throw new AccessRefused('FORBIDDEN', 'This unit is outside your scope', 'unitId', subject);
      await this.repo.route(m, id, unitId);
      return this.changed(m, caller, id, { action: 'update', details: { change: 'routed', fromUnitId: current.unitId, toUnitId: unitId } });
    });
  }

  /** Records what the investigation found and the answer given, and closes the case. */
  async answer(caller: Caller, id: string, answer: string, findings: string): Promise<FeedbackCase> {
    const checked = checkFeedbackAnswer(answer, findings);
    if (!checked.ok) throw refuse(checked.problems, '');
    return this.transactions.run(async (m) => {
      await this.openCase(m, caller.principal, id);
      await this.repo.answer(m, id, { answer: checked.answer, findings: checked.findings, answeredBy: caller.principal.userId });
      return this.changed(m, caller, id, { action: 'close', details: { change: 'answered' } });
    });
  }

  private async municipalityOf(kommunkod: string, field: string): Promise<string> {
    if (!isKommunkod(kommunkod)) throw badInput('A municipality is named by its four-digit code (kommunkod)', field);
    const id = await this.repo.municipalityByCode(kommunkod);
    if (!id) throw new AppError('NOT_FOUND', 'Municipality not found', field);
    return id;
  }

  /** The unit the feedback concerns, when one is named: it must be the municipality's. */
  private async unitOf(m: EntityManager, municipalityId: string, unitId: string | null | undefined): Promise<void> {
    if (unitId && !(await this.repo.unitIn(municipalityId, unitId, m))) throw new AppError('NOT_FOUND', 'Unit not found', 'input.unitId');
  }

  private async store(
    m: EntityManager,
    source: AuditSource,
    c: FeedbackContentInput & { channel: FeedbackChannel; municipalityId: string; registeredBy: string | null; receivedAt: Date },
  ): Promise<FeedbackReceipt> {
    const { year, dueOn } = feedbackDates(c.receivedAt);
    const sequence = await this.repo.nextSequence(m, c.municipalityId, year);
    const caseNumber = formatCaseNumber(year, sequence);
    const id = randomUUID();
    await this.repo.insert(m, {
      id,
      municipalityId: c.municipalityId,
      year,
      sequence,
      caseNumber,
      kind: c.kind,
      channel: c.channel,
      unitId: c.unitId ?? null,
      message: c.message,
      contactName: c.contactName ?? null,
      contactEmail: c.contactEmail ?? null,
      contactPhone: c.contactPhone ?? null,
      receivedAt: c.receivedAt,
      dueOn,
      registeredBy: c.registeredBy,
    });
    // The contact details stay out of the audit row: the log says what happened, not who wrote in.
    await this.audit.record(
      source,
      [{ action: 'create', entityType: 'feedback_case', entityId: id, details: { caseNumber, kind: c.kind, channel: c.channel, unitId: c.unitId ?? null } }],
      m,
    );
    return { caseNumber, dueOn };
  }

  /** A case the caller reaches that is still open, locked for the change. */
  private async openCase(m: EntityManager, principal: Principal, id: string): Promise<FeedbackCaseRecord> {
    const current = await this.repo.caseForUpdate(m, id);
    assertCaseReach(principal, current, id);
    const problem = feedbackChangeProblem(current.status);
    if (problem) throw conflict(problem, 'id');
    return current;
  }

  /** The changed case, with its change and the read of the answer (contact details included) audited. */
  private async changed(m: EntityManager, caller: Caller, id: string, change: Pick<AuditEntry, 'action' | 'details'>): Promise<FeedbackCase> {
    const c = (await this.repo.caseById(m, id)) as FeedbackCaseRecord;
    await this.audit.record(caller, [{ ...change, entityType: 'feedback_case', entityId: id }, readEntry(c)], m);
    return this.view(c, swedishDateOf(this.clock()));
  }

  private view(c: FeedbackCaseRecord, today: string): FeedbackCase {
    return { ...c, overdue: isFeedbackOverdue(c.status, c.dueOn, today) };
  }
}
