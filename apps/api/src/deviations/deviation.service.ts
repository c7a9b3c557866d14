import { randomUUID } from 'node:crypto';
import {
  checkDeviationInvestigation,
  checkDeviationReport,
  DEVIATION_LIMITS,
  deviationDeadlines,
  deviationDueOn,
  deviationStepProblem,
  isDeviationOverdue,
  ivoNotification,
  mayReadDeviationContent,
  mayReceiveLexSarah,
  swedishDateOf,
  type DeviationKind,
  type DeviationProblem,
  type DeviationStatus,
  type IvoNotification,
  type RiskCause,
} from '@hjulet/domain';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import type { AuditEntry, AuditService } from '../audit/audit.service.js';
import { canReach } from '../access/scope.js';
import { AccessRefused, AppError, badInput, conflict } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { DeviationActionRecord, DeviationRecord, DeviationRepository, ReceiverRecord } from './deviation.repository.js';

export const MAX_DEVIATION_PAGE = 500;

export interface DeviationReportInput {
  /** The phone's id for the report: the idempotency key, and the deviation's id. */
  clientId: string;
  kind: DeviationKind;
  lexSarah: boolean;
  occurredAt: Date;
  description: string;
  immediateAction?: string | null | undefined;
  recipientId?: string | null | undefined;
  /** Absent: the recipient's unit, else the reporter's own. */
  unitId?: string | null | undefined;
  deviceId?: string | null | undefined;
}

export interface InvestigationInput {
  findings: string;
  causes: RiskCause[];
  causeDescription?: string | null | undefined;
  serious: boolean;
}

export interface DeviationFilter {
  status?: DeviationStatus | null | undefined;
  unitId?: string | null | undefined;
  lexSarah?: boolean | null | undefined;
  overdue?: boolean | null | undefined;
  first?: number | null | undefined;
}

/** What the phone is told: that the report is stored, never its content (a lex Sarah report's reporter may not read it back). */
export interface DeviationReceipt {
  clientId: string;
  lexSarah: boolean;
  receivedAt: Date;
  investigateBy: string;
}

/**
 * A deviation as a caller is shown it. Everyone who sees it sees that it exists, where, its status and
 * deadlines; the content (`contentVisible`) only those mayReadDeviationContent lets read it. Content
 * fields are null otherwise, so a query cannot pick them out.
 */
export interface DeviationView {
  id: string;
  unitId: string;
  unitName: string;
  lexSarah: boolean;
  status: DeviationStatus;
  receivedAt: Date;
  investigateBy: string;
  closeBy: string;
  dueOn: string | null;
  overdue: boolean;
  contentVisible: boolean;
  kind: DeviationKind | null;
  occurredAt: Date | null;
  description: string | null;
  immediateAction: string | null;
  recipientId: string | null;
  recipientReference: string | null;
  findings: string | null;
  causes: RiskCause[] | null;
  causeDescription: string | null;
  serious: boolean | null;
  investigatedAt: Date | null;
  closedAt: Date | null;
  actions: DeviationActionRecord[] | null;
  ivoNotification: IvoNotification | null;
}

export type LexSarahReceiver = ReceiverRecord;

function refuse(problems: readonly DeviationProblem[], prefix: string): AppError {
  const issues = problems.map((p) => ({ field: `${prefix}${p.field}`, code: p.code, message: p.message }));
  const first = issues[0] as { field: string; message: string };
  return badInput(first.message, first.field, issues);
}

const subject = (id: string) => ({ entityType: 'deviation', entityId: id });

/** Roles that investigate: unit managers and coordinators in their scope; a designated receiver any lex Sarah report. */
const INVESTIGATING_ROLES = new Set(['unit_manager', 'quality_coordinator']);

/**
 * Deviations and lex Sarah (SOSFS 2011:9 ch. 5, SOSFS 2011:5; docs/deviations.md). Staff report from the
 * phone, through the outbox, stored once by the phone's id. An ordinary deviation is read and investigated
 * by the unit's manager and the administration's coordinator; a lex Sarah report only by the receivers an
 * admin designated, while everyone else who would see the deviation sees only that it exists. Every report,
 * read of content, step and designation is audited; audit rows name no content.
 */
export class DeviationService {
  constructor(
    private readonly repo: DeviationRepository,
    private readonly transactions: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async report(caller: Caller, input: DeviationReportInput): Promise<DeviationReceipt> {
    const { principal } = caller;
    const now = this.clock();
    const checked = checkDeviationReport(input, now);
    if (!checked.ok) throw refuse(checked.problems, 'input.');
    const deviceId = input.deviceId?.trim() || null;
    if (deviceId !== null && deviceId.length > 100) throw badInput('deviceId is longer than 100 characters', 'input.deviceId');
    return this.transactions.run(async (m) => {
      const earlier = await this.repo.byId(m, input.clientId);
      if (earlier) return this.resent(earlier, principal, { ...checked.value, recipientId: input.recipientId ?? null });
      const placement = await this.placementOf(m, principal, input);
      const receivedAt = now;
      const deadlines = deviationDeadlines(receivedAt);
      const created = await this.repo.insert(m, {
        id: input.clientId,
        municipalityId: principal.municipalityId,
        unitId: placement.unitId,
        careRecipientId: input.recipientId ?? null,
        ...checked.value,
        reportedBy: principal.userId,
        deviceId,
        receivedAt,
        ...deadlines,
      });
      // Two sends of the same report racing: the second finds the first's row when it commits.
      if (!created)
        return this.resent((await this.repo.byId(m, input.clientId)) as DeviationRecord, principal, {
          ...checked.value,
          recipientId: input.recipientId ?? null,
        });
      await this.audit.record(
        caller,
        [
          {
            action: 'create',
            entityType: 'deviation',
            entityId: input.clientId,
            careRecipientId: input.recipientId ?? null,
            // No content in the log: it would reach readers outside the lex Sarah group.
            details: { lexSarah: checked.value.lexSarah, unitId: placement.unitId },
          },
        ],
        m,
      );
      return { clientId: input.clientId, lexSarah: checked.value.lexSarah, receivedAt, investigateBy: deadlines.investigateBy };
    });
  }

  async list(caller: Caller, filter: DeviationFilter | null | undefined): Promise<DeviationView[]> {
    const first = filter?.first ?? 100;
    if (!Number.isInteger(first) || first < 1 || first > MAX_DEVIATION_PAGE) throw badInput(`first must be 1 to ${MAX_DEVIATION_PAGE}`, 'filter.first');
    const today = swedishDateOf(this.clock());
    return this.transactions.run(async (m) => {
      const receiver = await this.repo.isReceiver(m, caller.principal.userId);
      const rows = await this.repo.list(m, caller.principal, receiver, {
        status: filter?.status,
        unitId: filter?.unitId,
        lexSarah: filter?.lexSarah,
        overdueOn: filter?.overdue ? today : null,
        first,
      });
      return this.views(m, caller, rows, receiver, today);
    });
  }

  async one(caller: Caller, id: string): Promise<DeviationView> {
    return this.transactions.run(async (m) => {
      const receiver = await this.repo.isReceiver(m, caller.principal.userId);
      const d = await this.repo.byId(m, id);
      this.assertVisible(caller.principal, receiver, d, id, 'id');
      return (await this.views(m, caller, [d], receiver, swedishDateOf(this.clock())))[0] as DeviationView;
    });
  }

  /** Records (or revises, until closed) the investigation: findings, the cause analysis, whether it is serious. */
  async investigate(caller: Caller, id: string, input: InvestigationInput): Promise<DeviationView> {
    const causes = [...new Set(input.causes)];
    const checked = checkDeviationInvestigation({ ...input, causes });
    if (!checked.ok) throw refuse(checked.problems, 'input.');
    return this.step(caller, id, 'investigate', async (m, d) => {
      await this.repo.investigate(m, id, { ...checked.value, causes, serious: input.serious, by: caller.principal.userId });
      return { action: 'update', details: { change: d.status === 'received' ? 'investigated' : 'investigation_revised', causes, serious: input.serious } };
    });
  }

  async close(caller: Caller, id: string): Promise<DeviationView> {
    return this.step(caller, id, 'close', async (m) => {
      await this.repo.close(m, id, caller.principal.userId);
      return { action: 'close', details: { change: 'closed' } };
    });
  }

  async addAction(caller: Caller, id: string, input: { what: string; ownerId?: string | null | undefined; dueOn: string }): Promise<DeviationView> {
    const what = input.what.trim();
    if (what === '') throw badInput('Say what is to be done', 'input.what');
    if ([...what].length > DEVIATION_LIMITS.actionMax) throw badInput(`what is longer than ${DEVIATION_LIMITS.actionMax} characters`, 'input.what');
    return this.step(caller, id, 'add_action', async (m) => {
      const ownerId = input.ownerId ?? caller.principal.userId;
      const owner = await this.repo.user(m, caller.principal.municipalityId, ownerId);
      if (!owner) throw new AppError('NOT_FOUND', 'Owner not found', 'input.ownerId');
      const actionId = randomUUID();
      await this.repo.insertAction(m, { id: actionId, deviationId: id, what, ownerId, dueOn: input.dueOn, createdBy: caller.principal.userId });
      return { action: 'update', details: { change: 'action_added', actionId, ownerId, dueOn: input.dueOn } };
    });
  }

  async completeAction(caller: Caller, actionId: string): Promise<DeviationView> {
    const deviationId = await this.transactions.run(async (m) => (await this.repo.actionById(m, actionId))?.deviationId ?? null);
    if (!deviationId) throw new AccessRefused('NOT_FOUND', 'Action not found', 'id', { entityType: 'deviation_action', entityId: actionId });
    return this.step(caller, deviationId, 'add_action', async (m) => {
      const action = await this.repo.actionById(m, actionId);
      if (action?.status !== 'open') throw conflict('The action is already done', 'id');
      await this.repo.completeAction(m, actionId);
      return { action: 'update', details: { change: 'action_done', actionId } };
    });
  }

  receivers(caller: Caller): Promise<LexSarahReceiver[]> {
    return this.repo.receivers(caller.principal.municipalityId);
  }

  /**
   * Adds a user to (or removes them from) the designated lex Sarah group. Only unit managers and quality
   * coordinators may be designated: they investigate; staff report, admins run the system.
   */
  async designate(caller: Caller, userId: string, designated: boolean): Promise<LexSarahReceiver[]> {
    const { principal } = caller;
    await this.transactions.run(async (m) => {
      const user = await this.repo.user(m, principal.municipalityId, userId);
      if (!user) throw new AccessRefused('NOT_FOUND', 'User not found', 'userId', { entityType: 'app_user', entityId: userId });
      if (designated && !mayReceiveLexSarah(user)) throw badInput('Only active unit managers and quality coordinators receive lex Sarah reports', 'userId');
      const changed = designated ? await this.repo.designate(m, principal.municipalityId, userId, principal.userId) : await this.repo.undesignate(m, userId);
      if (changed)
        await this.audit.record(
          caller,
          [{ action: designated ? 'create' : 'update', entityType: 'lex_sarah_receiver', entityId: userId, details: { designated } }],
          m,
        );
    });
    return this.repo.receivers(principal.municipalityId);
  }

  /** The same id sent again: the same report by the same person is answered as before; anything else is a CONFLICT. */
  private resent(
    earlier: DeviationRecord,
    principal: Principal,
    sent: { kind: DeviationKind; lexSarah: boolean; occurredAt: Date; description: string; recipientId: string | null },
  ): DeviationReceipt {
    const same =
      earlier.municipalityId === principal.municipalityId &&
      earlier.reportedBy === principal.userId &&
      earlier.kind === sent.kind &&
      earlier.lexSarah === sent.lexSarah &&
      earlier.description === sent.description &&
      earlier.careRecipientId === sent.recipientId &&
      earlier.occurredAt.getTime() === sent.occurredAt.getTime();
    if (!same) throw conflict('This client id was used for another report', 'input.clientId');
    return { clientId: earlier.id, lexSarah: earlier.lexSarah, receivedAt: earlier.receivedAt, investigateBy: earlier.investigateBy };
  }

  /** Where a report belongs: the recipient's unit, the named unit, or the reporter's own; each must be in the reporter's reach. */
  private async placementOf(m: EntityManager, principal: Principal, input: DeviationReportInput): Promise<{ unitId: string }> {
    if (input.recipientId) {
      const placed = await this.repo.recipientPlacement(m, input.recipientId);
      const refused = { entityType: 'care_recipient', entityId: input.recipientId, careRecipientId: placed ? input.recipientId : null };
      if (!placed || placed.municipalityId !== principal.municipalityId)
        throw new AccessRefused('NOT_FOUND', 'Care recipient not found', 'input.recipientId', refused);
      if (!canReach(principal, placed)) throw new AccessRefused('FORBIDDEN', 'This care recipient is outside your scope', 'input.recipientId', refused);
      if (input.unitId && input.unitId !== placed.unitId) throw badInput("A deviation about a person belongs to the person's unit", 'input.unitId');
      return { unitId: placed.unitId };
    }
    const unitId = input.unitId ?? principal.unitId;
    if (!unitId) throw badInput('Name the unit the deviation happened in', 'input.unitId');
    const placed = await this.repo.unitPlacement(m, unitId);
    const refused = { entityType: 'unit', entityId: unitId };
    if (!placed || placed.municipalityId !== principal.municipalityId) throw new AccessRefused('NOT_FOUND', 'Unit not found', 'input.unitId', refused);
    if (!canReach(principal, placed)) throw new AccessRefused('FORBIDDEN', 'This unit is outside your scope', 'input.unitId', refused);
    return { unitId };
  }

  /** NOT_FOUND outside the municipality and for what the caller would not see listed; existence is not revealed. */
  private assertVisible(principal: Principal, receiver: boolean, d: DeviationRecord | null, id: string, field: string): asserts d is DeviationRecord {
    if (!d || d.municipalityId !== principal.municipalityId) throw new AccessRefused('NOT_FOUND', 'Deviation not found', field, subject(id));
    if (!(this.inScope(principal, d) || (receiver && d.lexSarah)))
      throw new AccessRefused('FORBIDDEN', 'This deviation is outside your scope', field, subject(id));
  }

  private inScope(principal: Principal, d: DeviationRecord): boolean {
    if (principal.role === 'staff') return d.reportedBy === principal.userId;
    return canReach(principal, d);
  }

  private mayRead(principal: Principal, receiver: boolean, d: DeviationRecord): boolean {
    return mayReadDeviationContent(d, { userId: principal.userId, lexSarahReceiver: receiver, inScope: principal.role !== 'staff' && canReach(principal, d) });
  }

  /**
   * A step of the investigation: only those who may read the content take it (for a lex Sarah report, the
   * designated group), and only investigating roles. The change and the read of the answer are audited.
   */
  private async step(
    caller: Caller,
    id: string,
    step: 'investigate' | 'close' | 'add_action',
    change: (m: EntityManager, d: DeviationRecord) => Promise<Pick<AuditEntry, 'action' | 'details'>>,
  ): Promise<DeviationView> {
    const { principal } = caller;
    return this.transactions.run(async (m) => {
      const receiver = await this.repo.isReceiver(m, principal.userId);
      const d = await this.repo.byId(m, id, true);
      this.assertVisible(principal, receiver, d, id, 'id');
      if (!INVESTIGATING_ROLES.has(principal.role) || !this.mayRead(principal, receiver, d))
        throw new AccessRefused(
          'FORBIDDEN',
          d.lexSarah ? 'Only the designated receivers investigate a lex Sarah report' : 'You may not investigate this deviation',
          'id',
          subject(id),
        );
      const problem = deviationStepProblem(d.status, step);
      if (problem) throw conflict(problem, 'id');
      const entry = await change(m, d);
      await this.audit.record(caller, [{ ...entry, entityType: 'deviation', entityId: id, careRecipientId: d.careRecipientId }], m);
      const changed = (await this.repo.byId(m, id)) as DeviationRecord;
      return (await this.views(m, caller, [changed], receiver, swedishDateOf(this.clock())))[0] as DeviationView;
    });
  }

  /** The views of `rows` for the caller; each one whose content is shown is audited as a read, naming the person. */
  private async views(m: EntityManager, caller: Caller, rows: DeviationRecord[], receiver: boolean, today: string): Promise<DeviationView[]> {
    const readable = rows.filter((d) => this.mayRead(caller.principal, receiver, d));
    const actions = await this.repo.actionsOf(
      m,
      readable.map((d) => d.id),
    );
    await this.audit.record(
      caller,
      readable.map((d) => ({ action: 'read', entityType: 'deviation', entityId: d.id, careRecipientId: d.careRecipientId, details: { lexSarah: d.lexSarah } })),
      m,
    );
    const shown = new Set(readable.map((d) => d.id));
    const contactName = readable.some((d) => d.lexSarah && d.serious)
      ? ((await this.repo.user(m, caller.principal.municipalityId, caller.principal.userId))?.displayName ?? '')
      : '';
    return rows.map((d) => {
      const base = {
        id: d.id,
        unitId: d.unitId,
        unitName: d.unitName,
        lexSarah: d.lexSarah,
        status: d.status,
        receivedAt: d.receivedAt,
        investigateBy: d.investigateBy,
        closeBy: d.closeBy,
        dueOn: deviationDueOn(d.status, d),
        overdue: isDeviationOverdue(d.status, d, today),
      };
      if (!shown.has(d.id))
        return {
          ...base,
          contentVisible: false,
          kind: null,
          occurredAt: null,
          description: null,
          immediateAction: null,
          recipientId: null,
          recipientReference: null,
          findings: null,
          causes: null,
          causeDescription: null,
          serious: null,
          investigatedAt: null,
          closedAt: null,
          actions: null,
          ivoNotification: null,
        };
      const own = actions.filter((a) => a.deviationId === d.id);
      return {
        ...base,
        contentVisible: true,
        kind: d.kind,
        occurredAt: d.occurredAt,
        description: d.description,
        immediateAction: d.immediateAction,
        recipientId: d.careRecipientId,
        recipientReference: d.recipientReference,
        findings: d.findings,
        causes: d.causes,
        causeDescription: d.causeDescription,
        serious: d.serious,
        investigatedAt: d.investigatedAt,
        closedAt: d.closedAt,
        actions: own,
        // A serious lex Sarah case is notified to IVO: the form's content, prefilled, for the receiver to send.
        ivoNotification:
          d.lexSarah && d.serious
            ? ivoNotification({
                municipalityName: d.municipalityName,
                unitName: d.unitName,
                caseReference: d.id,
                kind: d.kind,
                occurredAt: d.occurredAt,
                receivedAt: d.receivedAt,
                description: d.description,
                immediateAction: d.immediateAction,
                findings: d.findings,
                causes: d.causes ?? [],
                causeDescription: d.causeDescription,
                actions: own,
                contactName,
              })
            : null,
      };
    });
  }
}
