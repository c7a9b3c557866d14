import { randomUUID } from 'node:crypto';
import {
  allItems,
  checkSelfCheckAction,
  checkSelfCheckPlan,
  findItem,
  selfCheckDueOn,
  selfCheckFindings,
  selfCheckState,
  swedishDateOf,
  type SelfCheckFrequency,
  type SelfCheckPerformerRole,
  type TemplateDefinition,
} from '@hjulet/domain';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import { assertReach } from '../access/scope.js';
import { AccessRefused, badInput, conflict } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { TemplateService } from '../templates/template.service.js';
import type { PlanRecord, ResultRecord, SelfCheckRepository } from './self-check.repository.js';
import type { SelfCheckPlanView, SelfCheckResultView } from './self-check.types.js';

export const MAX_SELF_CHECK_PAGE = 500;
/** Results carry findings and actions: a smaller page keeps a full answer within the query cost limit. */
export const MAX_SELF_CHECK_RESULT_PAGE = 100;

/** Findings in the checklist's order, as the performer met the questions. */
function inTemplateOrder<F extends { itemKey: string }>(def: TemplateDefinition, findings: F[]): F[] {
  const order = new Map(allItems(def).map((item, i) => [item.key, i]));
  return [...findings].sort((a, b) => (order.get(a.itemKey) ?? 0) - (order.get(b.itemKey) ?? 0));
}

/** How far ahead of the server's clock a client's "completed at" may be (clocks drift). */
const CLOCK_SKEW_MS = 10 * 60_000;

interface Performer {
  performerRole?: SelfCheckPerformerRole | null | undefined;
  performerId?: string | null | undefined;
}
export interface PlanInput extends Performer {
  unitId: string;
  processId?: string | null | undefined;
  templateVersionId: string;
  frequency: SelfCheckFrequency;
  firstDueOn: string;
}
export interface PlanChange extends Performer {
  frequency: SelfCheckFrequency;
  firstDueOn: string;
  active: boolean;
}
export interface ResultInput {
  clientId: string;
  planId: string;
  answers: Record<string, unknown>;
  completedAt: Date;
}

const pageSize = (first: number | null | undefined, max = MAX_SELF_CHECK_PAGE): number => {
  const n = first ?? Math.min(100, max);
  if (!Number.isInteger(n) || n < 1 || n > max) throw badInput(`first must be 1 to ${max}`, 'filter.first');
  return n;
};

/**
 * Self-checks (egenkontroll; docs/self-checks.md). Unit managers and coordinators plan them for the units
 * they reach (admins for the municipality); those who work in a unit perform them; findings get actions
 * with owner and due date. A self-check is of a unit, so it names no person and reads of it are not
 * audited; every change is, in the same transaction.
 */
export class SelfCheckService {
  constructor(
    private readonly repo: SelfCheckRepository,
    private readonly transactions: UnitOfWork,
    private readonly templates: TemplateService,
    private readonly audit: AuditService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async createPlan(caller: Caller, input: PlanInput): Promise<SelfCheckPlanView> {
    const { principal } = caller;
    // Before the transaction: the template service reads on its own connection.
    const version = await this.templates.visibleVersion(principal, input.templateVersionId);
    return this.transactions.run(async (m) => {
      const unit = await this.repo.unitPlacement(m, input.unitId);
      assertReach(principal, unit, { what: 'Unit', field: 'input.unitId', entityType: 'unit', entityId: input.unitId });
      if (version?.status !== 'published')
        throw new AccessRefused('NOT_FOUND', 'Published template version not found', 'input.templateVersionId', {
          entityType: 'template_version',
          entityId: input.templateVersionId,
        });
      if (input.processId && (await this.repo.processMunicipality(m, input.processId)) !== principal.municipalityId)
        throw new AccessRefused('NOT_FOUND', 'Process not found', 'input.processId', { entityType: 'routine_process', entityId: input.processId });
      await this.checkPerformer(m, principal, input, unit);
      const id = randomUUID();
      await this.repo.insertPlan(m, {
        id,
        municipalityId: principal.municipalityId,
        unitId: input.unitId,
        processId: input.processId ?? null,
        templateVersionId: input.templateVersionId,
        frequency: input.frequency,
        performerRole: input.performerRole ?? null,
        performerId: input.performerId ?? null,
        firstDueOn: input.firstDueOn,
        createdBy: principal.userId,
      });
      await this.audit.record(
        caller,
        [{ action: 'create', entityType: 'self_check_plan', entityId: id, details: { unitId: input.unitId, frequency: input.frequency } }],
        m,
      );
      return this.planView((await this.repo.planById(m, id)) as PlanRecord);
    });
  }

  async updatePlan(caller: Caller, id: string, change: PlanChange): Promise<SelfCheckPlanView> {
    const { principal } = caller;
    return this.transactions.run(async (m) => {
      const plan = await this.repo.planById(m, id, true);
      assertReach(principal, plan, { what: 'Self-check plan', field: 'id', entityType: 'self_check_plan', entityId: id });
      await this.checkPerformer(m, principal, change, plan);
      await this.repo.updatePlan(m, id, { ...change, performerRole: change.performerRole ?? null, performerId: change.performerId ?? null });
      await this.audit.record(
        caller,
        [{ action: 'update', entityType: 'self_check_plan', entityId: id, details: { frequency: change.frequency, active: change.active } }],
        m,
      );
      return this.planView((await this.repo.planById(m, id)) as PlanRecord);
    });
  }

  async plans(caller: Caller, filter: { unitId?: string | null | undefined; first?: number | null | undefined } | null): Promise<SelfCheckPlanView[]> {
    const first = pageSize(filter?.first);
    const rows = await this.transactions.run((m) => this.repo.plans(m, caller.principal, { unitId: filter?.unitId, first }));
    return rows.map((p) => this.planView(p));
  }

  /** Stores a completed check once per clientId: the same check sent again is answered as before. */
  async record(caller: Caller, input: ResultInput): Promise<SelfCheckResultView> {
    const { principal } = caller;
    const now = this.clock();
    if (Number.isNaN(input.completedAt.getTime()) || input.completedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
      throw badInput('A self-check is done: its time is not in the future', 'input.completedAt');
    return this.transactions.run(async (m) => {
      const earlier = await this.repo.resultById(m, input.clientId);
      if (earlier) return this.resent(m, principal, earlier, input);
      const plan = await this.repo.planById(m, input.planId);
      assertReach(principal, plan, { what: 'Self-check plan', field: 'input.planId', entityType: 'self_check_plan', entityId: input.planId });
      if (!plan.active) throw conflict('The plan has ended', 'input.planId');
      const definition = (await this.repo.definitions(m, [plan.templateVersionId])).get(plan.templateVersionId) as TemplateDefinition;
      const checked = selfCheckFindings(definition, input.answers);
      if (!checked.ok) {
        const issues = checked.issues.map((i) => ({ ...i, field: `input.${i.field}` }));
        throw badInput((issues[0] as { message: string }).message, (issues[0] as { field: string }).field, issues);
      }
      const created = await this.repo.insertResult(m, {
        id: input.clientId,
        planId: plan.id,
        unitId: plan.unitId,
        processId: plan.processId,
        templateVersionId: plan.templateVersionId,
        answers: checked.answers,
        completedAt: input.completedAt,
        completedOn: swedishDateOf(input.completedAt),
        performedBy: principal.userId,
      });
      // Two sends of one check racing: the second finds the first's row when it commits.
      if (!created) return this.resent(m, principal, (await this.repo.resultById(m, input.clientId)) as ResultRecord, input);
      await this.repo.insertFindings(
        m,
        checked.findings.map((f) => ({ ...f, id: randomUUID(), resultId: input.clientId })),
      );
      await this.audit.record(
        caller,
        [{ action: 'create', entityType: 'self_check_result', entityId: input.clientId, details: { planId: plan.id, findings: checked.findings.length } }],
        m,
      );
      return (await this.resultViews(m, [(await this.repo.resultById(m, input.clientId)) as ResultRecord]))[0] as SelfCheckResultView;
    });
  }

  async results(
    caller: Caller,
    filter: { planId?: string | null | undefined; unitId?: string | null | undefined; first?: number | null | undefined } | null,
  ): Promise<SelfCheckResultView[]> {
    const first = pageSize(filter?.first, MAX_SELF_CHECK_RESULT_PAGE);
    return this.transactions.run(async (m) =>
      this.resultViews(m, await this.repo.results(m, caller.principal, { planId: filter?.planId, unitId: filter?.unitId, first })),
    );
  }

  async addAction(
    caller: Caller,
    findingId: string,
    input: { what: string; ownerId?: string | null | undefined; dueOn: string },
  ): Promise<SelfCheckResultView> {
    const checked = checkSelfCheckAction(input.what);
    if (!checked.ok) throw badInput((checked.problems[0] as { message: string }).message, 'input.what');
    const { principal } = caller;
    return this.transactions.run(async (m) => {
      const resultId = await this.repo.resultOfFinding(m, findingId);
      const result = resultId ? await this.repo.resultById(m, resultId) : null;
      assertReach(principal, result, { what: 'Finding', field: 'findingId', entityType: 'self_check_finding', entityId: findingId });
      const ownerId = input.ownerId ?? principal.userId;
      if (!(await this.repo.user(m, principal.municipalityId, ownerId)))
        throw new AccessRefused('NOT_FOUND', 'Owner not found', 'input.ownerId', { entityType: 'app_user', entityId: ownerId });
      const id = randomUUID();
      await this.repo.insertAction(m, { id, findingId, what: checked.what, ownerId, dueOn: input.dueOn, createdBy: principal.userId });
      await this.audit.record(
        caller,
        [{ action: 'create', entityType: 'self_check_action', entityId: id, details: { findingId, ownerId, dueOn: input.dueOn } }],
        m,
      );
      return (await this.resultViews(m, [result]))[0] as SelfCheckResultView;
    });
  }

  async completeAction(caller: Caller, actionId: string): Promise<SelfCheckResultView> {
    const { principal } = caller;
    return this.transactions.run(async (m) => {
      const action = await this.repo.actionById(m, actionId);
      const result = action ? await this.repo.resultById(m, action.resultId) : null;
      assertReach(principal, result, { what: 'Action', field: 'id', entityType: 'self_check_action', entityId: actionId });
      if (action?.status !== 'open') throw conflict('The action is already done', 'id');
      await this.repo.completeAction(m, actionId, principal.userId);
      await this.audit.record(caller, [{ action: 'update', entityType: 'self_check_action', entityId: actionId, details: { change: 'done' } }], m);
      return (await this.resultViews(m, [result]))[0] as SelfCheckResultView;
    });
  }

  /** A named performer must be an active user who works in the unit or its administration. */
  private async checkPerformer(m: EntityManager, principal: Principal, p: Performer, unit: { unitId: string; administrationId: string }): Promise<void> {
    const problems = checkSelfCheckPlan(p);
    if (problems.length > 0) throw badInput((problems[0] as { message: string }).message, 'input.performerRole');
    if (!p.performerId) return;
    const user = await this.repo.user(m, principal.municipalityId, p.performerId);
    if (!user) throw new AccessRefused('NOT_FOUND', 'User not found', 'input.performerId', { entityType: 'app_user', entityId: p.performerId });
    if (user.unitId !== unit.unitId && user.administrationId !== unit.administrationId)
      throw badInput('The performer works elsewhere: name someone of the unit or its administration', 'input.performerId');
  }

  /** The same id sent again: the same plan by the same person is answered as before; anything else is a CONFLICT. */
  private async resent(m: EntityManager, principal: Principal, earlier: ResultRecord, input: ResultInput): Promise<SelfCheckResultView> {
    if (earlier.municipalityId !== principal.municipalityId || earlier.performedBy !== principal.userId || earlier.planId !== input.planId)
      throw conflict('This client id was used for another self-check', 'input.clientId');
    return (await this.resultViews(m, [earlier]))[0] as SelfCheckResultView;
  }

  private planView(p: PlanRecord): SelfCheckPlanView {
    const dueOn = selfCheckDueOn(p, p.lastDoneOn);
    const { municipalityId: _m, administrationId: _a, templateTitleSv, templateTitleEn, ...rest } = p;
    return { ...rest, templateTitle: { sv: templateTitleSv, en: templateTitleEn }, dueOn, state: selfCheckState(dueOn, swedishDateOf(this.clock())) };
  }

  private async resultViews(m: EntityManager, rows: ResultRecord[]): Promise<SelfCheckResultView[]> {
    const findings = await this.repo.findingsOf(
      m,
      rows.map((r) => r.id),
    );
    const actions = await this.repo.actionsOf(
      m,
      findings.map((f) => f.id),
    );
    const definitions = await this.repo.definitions(
      m,
      rows.map((r) => r.templateVersionId),
    );
    return rows.map((r) => ({
      id: r.id,
      planId: r.planId,
      unitId: r.unitId,
      unitName: r.unitName,
      processName: r.processName,
      templateVersionId: r.templateVersionId,
      answers: r.answers,
      completedAt: r.completedAt,
      performedByName: r.performedByName,
      findings: inTemplateOrder(
        definitions.get(r.templateVersionId) as TemplateDefinition,
        findings.filter((f) => f.resultId === r.id),
      ).map((f) => ({
        id: f.id,
        itemKey: f.itemKey,
        text: findItem(definitions.get(r.templateVersionId) as TemplateDefinition, f.itemKey)?.text ?? { sv: f.itemKey, en: f.itemKey },
        category: f.category,
        severity: f.severity,
        actions: actions.filter((a) => a.findingId === f.id),
      })),
    }));
  }
}
