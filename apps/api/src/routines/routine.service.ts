import { randomUUID } from 'node:crypto';
import {
  checkRoutineContent,
  checkRoutineName,
  isRoutineReviewOverdue,
  revisedRoutineVersion,
  routineConfirmationProblem,
  swedishDateOf,
  type RoutineContentInput,
  type RoutineProblem,
} from '@hjulet/domain';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import { canReach } from '../access/scope.js';
import { AccessRefused, AppError, badInput, conflict } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { ConfirmationRecord, ProcessRecord, ReaderRecord, RoutineRecord, RoutineRepository } from './routine.repository.js';

export interface RoutineInput extends RoutineContentInput {
  activityId: string;
  /** Null or absent: the whole municipality's routine (coordinators and admins only). */
  unitId?: string | null | undefined;
  /** Absent: the caller. */
  ownerId?: string | null | undefined;
  goalId?: string | null | undefined;
}

export interface ConfirmationInput {
  /** The phone's id for the tap: the idempotency key. */
  clientId: string;
  routineId: string;
  version: number;
  /** When the user tapped, by the phone's clock. */
  confirmedAt: Date;
}

export interface RoutineFilter {
  /** Only the caller's own routines past their review date: what is flagged to an owner. */
  dueForReview?: boolean | null | undefined;
  unitId?: string | null | undefined;
}

/** A routine as answered: the record, and what today makes of it. */
export type Routine = RoutineRecord & { reviewOverdue: boolean; confirmedCurrent: boolean };

export type RoutineReader = ReaderRecord & { confirmedCurrent: boolean };

export interface RoutineConfirmation {
  clientId: string;
  routineId: string;
  version: number;
  confirmedAt: Date;
}

/** The first problem as the error, every problem in `issues`, each field named under `prefix`. */
function refuse(problems: readonly RoutineProblem[], prefix: string): AppError {
  const issues = problems.map((p) => ({ field: `${prefix}${p.field}`, code: p.code, message: p.message }));
  const first = issues[0] as { field: string; message: string };
  return badInput(first.message, first.field, issues);
}

const routineSubject = (id: string) => ({ entityType: 'routine', entityId: id });

/**
 * Whether a principal may read a routine: the municipality's own routines are everyone's in it, a unit's
 * routine is for those who reach the unit (canReach). NOT_FOUND outside the municipality.
 */
function assertReadable(principal: Principal, r: RoutineRecord | null, id: string, field: string): asserts r is RoutineRecord {
  if (!r || r.municipalityId !== principal.municipalityId) throw new AccessRefused('NOT_FOUND', 'Routine not found', field, routineSubject(id));
  if (r.unitId !== null && !canReach(principal, { unitId: r.unitId, administrationId: r.administrationId as string, municipalityId: r.municipalityId }))
    throw new AccessRefused('FORBIDDEN', 'This routine is outside your scope', field, routineSubject(id));
}

/**
 * Whether a principal may maintain a routine placed at `unitId`: a unit's routines by those who reach the
 * unit; the whole municipality's by coordinators and admins. Staff read; they do not maintain.
 */
function mayMaintain(principal: Principal, placement: { unitId: string | null; administrationId: string | null; municipalityId: string }): boolean {
  if (principal.role === 'staff' || placement.municipalityId !== principal.municipalityId) return false;
  if (placement.unitId === null || placement.administrationId === null) return principal.role === 'quality_coordinator' || principal.role === 'admin';
  return canReach(principal, { unitId: placement.unitId, administrationId: placement.administrationId, municipalityId: placement.municipalityId });
}

/**
 * The register of processes and routines (SOSFS 2011:9 ch. 4): coordinators and admins lay out processes
 * and their activities; unit managers, coordinators and admins write routines; everyone reads the routines
 * of their scope and confirms "read and understood" per version; maintainers see who has confirmed.
 */
export class RoutineService {
  constructor(
    private readonly repo: RoutineRepository,
    private readonly transactions: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  processes(caller: Caller): Promise<ProcessRecord[]> {
    return this.repo.processes(caller.principal.municipalityId);
  }

  async createProcess(caller: Caller, name: string, description: string | null | undefined): Promise<ProcessRecord> {
    const checked = checkRoutineName('name', name);
    if (!checked.ok) throw refuse(checked.problems, '');
    const text = description?.trim() || null;
    if (text !== null && [...text].length > 2000) throw badInput('description is longer than 2000 characters', 'description');
    const id = randomUUID();
    await this.transactions.run(async (m) => {
      await this.repo.insertProcess(m, { id, municipalityId: caller.principal.municipalityId, name: checked.name, description: text });
      await this.audit.record(caller, [{ action: 'create', entityType: 'routine_process', entityId: id, details: { name: checked.name } }], m);
    });
    return { id, name: checked.name, description: text, activities: [] };
  }

  async createActivity(caller: Caller, processId: string, name: string): Promise<{ id: string; name: string }> {
    const checked = checkRoutineName('name', name);
    if (!checked.ok) throw refuse(checked.problems, '');
    const id = randomUUID();
    await this.transactions.run(async (m) => {
      if ((await this.repo.processMunicipality(m, processId)) !== caller.principal.municipalityId)
        throw new AccessRefused('NOT_FOUND', 'Process not found', 'processId', { entityType: 'routine_process', entityId: processId });
      await this.repo.insertActivity(m, { id, processId, name: checked.name });
      await this.audit.record(caller, [{ action: 'create', entityType: 'process_activity', entityId: id, details: { processId, name: checked.name } }], m);
    });
    return { id, name: checked.name };
  }

  /** The caller's routines; with `dueForReview`, only their own past the review date. */
  async routines(caller: Caller, filter: RoutineFilter | null | undefined): Promise<Routine[]> {
    const today = swedishDateOf(this.clock());
    const rows = await this.repo.list(caller.principal, {
      unitId: filter?.unitId,
      ...(filter?.dueForReview ? { ownerId: caller.principal.userId, reviewBefore: today } : {}),
    });
    return rows.map((r) => this.view(r, today));
  }

  async routine(caller: Caller, id: string): Promise<Routine> {
    return this.transactions.run(async (m) => {
      const r = await this.repo.byId(m, id, caller.principal.userId);
      assertReadable(caller.principal, r, id, 'id');
      return this.view(r, swedishDateOf(this.clock()));
    });
  }

  async create(caller: Caller, input: RoutineInput): Promise<Routine> {
    const checked = checkRoutineContent(input);
    if (!checked.ok) throw refuse(checked.problems, 'input.');
    const id = randomUUID();
    return this.transactions.run(async (m) => {
      const unitId = input.unitId ?? null;
      await this.assertMaintainablePlace(m, caller.principal, unitId);
      const links = await this.links(m, caller.principal, input, checked.value);
      await this.repo.insert(m, {
        ...checked.value,
        ...links,
        id,
        municipalityId: caller.principal.municipalityId,
        unitId,
        updatedBy: caller.principal.userId,
      });
      await this.audit.record(
        caller,
        [{ action: 'create', entityType: 'routine', entityId: id, details: { title: checked.value.title, unitId, version: 1 } }],
        m,
      );
      return this.reread(m, caller, id);
    });
  }

  /**
   * A new text, owner, review date or links. What staff read changing makes a new version (packages/domain
   * revisedRoutineVersion), which everyone confirms anew; the routine stays where it is (unit or municipality).
   */
  async revise(caller: Caller, id: string, input: RoutineInput): Promise<Routine> {
    const checked = checkRoutineContent(input);
    if (!checked.ok) throw refuse(checked.problems, 'input.');
    return this.transactions.run(async (m) => {
      const current = await this.repo.byId(m, id, caller.principal.userId, true);
      assertReadable(caller.principal, current, id, 'id');
      if (!mayMaintain(caller.principal, current)) throw new AccessRefused('FORBIDDEN', 'You may read this routine, not change it', 'id', routineSubject(id));
      if ((input.unitId ?? null) !== current.unitId)
        throw badInput('A routine stays with its unit (or the municipality); write a new one elsewhere', 'input.unitId');
      const links = await this.links(m, caller.principal, input, checked.value);
      const version = revisedRoutineVersion(current, checked.value);
      await this.repo.update(m, {
        ...checked.value,
        ...links,
        id,
        municipalityId: current.municipalityId,
        unitId: current.unitId,
        updatedBy: caller.principal.userId,
        version,
      });
      await this.audit.record(caller, [{ action: 'update', entityType: 'routine', entityId: id, details: { fromVersion: current.version, version } }], m);
      return this.reread(m, caller, id);
    });
  }

  /**
   * "Read and understood", as the phone's outbox sends it: stored once per client id, and once per user and
   * version; the same tap sent again is answered as before. A confirmation of an earlier version (read
   * offline before a change) is kept as the true record it is. The same client id with other content is a
   * CONFLICT: the phone would otherwise believe something the server does not hold.
   */
  async confirm(caller: Caller, input: ConfirmationInput): Promise<RoutineConfirmation> {
    const { principal } = caller;
    return this.transactions.run(async (m) => {
      const earlier = await this.repo.confirmationById(m, input.clientId);
      if (earlier) {
        if (earlier.userId !== principal.userId || earlier.routineId !== input.routineId || earlier.version !== input.version)
          throw conflict('This client id was used for another confirmation', 'input.clientId');
        return { clientId: earlier.id, routineId: earlier.routineId, version: earlier.version, confirmedAt: earlier.confirmedAt };
      }
      const routine = await this.repo.byId(m, input.routineId, principal.userId);
      assertReadable(principal, routine, input.routineId, 'input.routineId');
      const problem = routineConfirmationProblem(input.version, routine.version);
      if (problem) throw badInput(problem, 'input.version');
      const record: ConfirmationRecord = {
        id: input.clientId,
        routineId: input.routineId,
        version: input.version,
        userId: principal.userId,
        confirmedAt: input.confirmedAt,
      };
      const { stored, created } = await this.repo.confirm(m, record);
      if (created)
        await this.audit.record(
          caller,
          [{ action: 'create', entityType: 'routine_confirmation', entityId: stored.id, details: { routineId: input.routineId, version: input.version } }],
          m,
        );
      return { clientId: input.clientId, routineId: stored.routineId, version: stored.version, confirmedAt: stored.confirmedAt };
    });
  }

  /** Who should read the routine, in the caller's scope, and whether each has confirmed its current version. */
  async readers(caller: Caller, routineId: string): Promise<RoutineReader[]> {
    return this.transactions.run(async (m) => {
      const routine = await this.repo.byId(m, routineId, caller.principal.userId);
      assertReadable(caller.principal, routine, routineId, 'routineId');
      const readers = await this.repo.readers(m, caller.principal, routine);
      return readers.map((r) => ({ ...r, confirmedCurrent: r.confirmedVersion === routine.version }));
    });
  }

  private async assertMaintainablePlace(m: EntityManager, principal: Principal, unitId: string | null): Promise<void> {
    if (unitId === null) {
      if (!mayMaintain(principal, { unitId: null, administrationId: null, municipalityId: principal.municipalityId }))
        throw new AccessRefused('FORBIDDEN', "The whole municipality's routines are written by quality coordinators and admins", 'input.unitId', {
          entityType: 'unit',
          entityId: null,
        });
      return;
    }
    const placement = await this.repo.unitPlacement(m, unitId);
    const subject = { entityType: 'unit', entityId: unitId };
    if (!placement || placement.municipalityId !== principal.municipalityId) throw new AccessRefused('NOT_FOUND', 'Unit not found', 'input.unitId', subject);
    if (!mayMaintain(principal, placement)) throw new AccessRefused('FORBIDDEN', 'This unit is outside your scope', 'input.unitId', subject);
  }

  /** The activity, owner, goal and checklist template (and item) a routine names, each checked to be the municipality's. */
  private async links(
    m: EntityManager,
    principal: Principal,
    input: RoutineInput,
    content: { templateKey: string | null; itemKey: string | null },
  ): Promise<{ activityId: string; ownerId: string; goalId: string | null }> {
    const municipalityId = principal.municipalityId;
    if ((await this.repo.activityMunicipality(m, input.activityId)) !== municipalityId)
      throw new AppError('NOT_FOUND', 'Activity not found', 'input.activityId');
    const ownerId = input.ownerId ?? principal.userId;
    if (!(await this.repo.isMunicipalityUser(m, municipalityId, ownerId))) throw new AppError('NOT_FOUND', 'Owner not found', 'input.ownerId');
    const goalId = input.goalId ?? null;
    if (goalId !== null && !(await this.repo.isMunicipalityGoal(m, municipalityId, goalId))) throw new AppError('NOT_FOUND', 'Goal not found', 'input.goalId');
    if (content.templateKey !== null) {
      const keys = await this.repo.templateItemKeys(m, municipalityId, content.templateKey);
      if (keys === null) throw new AppError('NOT_FOUND', 'Checklist template not found', 'input.templateKey');
      if (content.itemKey !== null && !keys.includes(content.itemKey)) throw badInput('The checklist has no item with this key', 'input.itemKey');
    }
    return { activityId: input.activityId, ownerId, goalId };
  }

  private async reread(m: EntityManager, caller: Caller, id: string): Promise<Routine> {
    return this.view((await this.repo.byId(m, id, caller.principal.userId)) as RoutineRecord, swedishDateOf(this.clock()));
  }

  private view(r: RoutineRecord, today: string): Routine {
    return { ...r, reviewOverdue: isRoutineReviewOverdue(r.reviewOn, today), confirmedCurrent: r.confirmedVersion === r.version };
  }
}
