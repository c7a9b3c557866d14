import { randomUUID } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import type { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../auth/passwords.js';
import type { Principal } from '../auth/principal.js';
import { positional, userScopeCondition } from '../access/scope.js';
import { badInput, conflict, notFound } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import { Administration } from '../organisation/organisation.entities.js';
import type { OrganisationService } from '../organisation/organisation.service.js';
import { User, type Role } from './user.entity.js';

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
  role: Role;
  unitId?: string | null | undefined;
  administrationId?: string | null | undefined;
}

export class UserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisation: OrganisationService,
    private readonly audit: AuditService,
  ) {}

  byId(id: string): Promise<User | null> {
    return this.dataSource.manager.findOneBy(User, { id });
  }

  /** Users the caller may see: their unit (unit manager), administration (coordinator) or municipality (admin). */
  async visibleTo(principal: Principal): Promise<User[]> {
    const params: unknown[] = [];
    const ids: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM app_user WHERE ${userScopeCondition(principal, positional(params))} ORDER BY display_name`,
      params,
    );
    if (ids.length === 0) return [];
    const users = await this.dataSource.manager.findBy(User, { id: In(ids.map((r) => r.id)) });
    return users.sort((a, b) => a.displayName.localeCompare(b.displayName, 'sv'));
  }

  /** Creates an account; the role decides which of unit and administration it must have. */
  async create(caller: Caller, input: NewUser): Promise<User> {
    const email = input.email.trim().toLowerCase();
    const unitId = input.unitId ?? null;
    const administrationId = input.administrationId ?? null;
    const needsUnit = input.role === 'staff' || input.role === 'unit_manager';
    if (needsUnit && !unitId) throw badInput('Staff and unit managers need a unit', 'unitId');
    if (!needsUnit && unitId) throw badInput('Only staff and unit managers belong to a unit', 'unitId');
    if (input.role === 'quality_coordinator' && !administrationId) throw badInput('Quality coordinators need an administration', 'administrationId');
    if (input.role !== 'quality_coordinator' && administrationId) throw badInput('Only quality coordinators belong to an administration', 'administrationId');

    if (unitId) await this.organisation.reachableUnit(caller, unitId);
    if (administrationId) {
      const found = await this.dataSource.manager.existsBy(Administration, { id: administrationId, municipalityId: caller.principal.municipalityId });
      if (!found) throw notFound('Administration', 'administrationId');
    }
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (m) => {
      if (await m.existsBy(User, { email })) throw conflict('A user with that email exists', 'email');
      const user = m.create(User, {
        id: randomUUID(),
        municipalityId: caller.principal.municipalityId,
        email,
        displayName: input.displayName.trim(),
        passwordHash,
        role: input.role,
        unitId,
        administrationId,
        active: true,
      });
      await m.insert(User, user);
      await this.audit.record(caller, [{ action: 'create', entityType: 'user', entityId: user.id, details: { role: user.role } }], m);
      return user;
    });
  }
}
