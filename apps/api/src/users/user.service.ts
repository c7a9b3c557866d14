import { randomUUID } from 'node:crypto';
import { scopeProblem } from '@hjulet/domain';
import type { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../auth/passwords.js';
import type { Principal } from '../auth/principal.js';
import { badInput, conflict, notFound } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { OrganisationService } from '../organisation/organisation.service.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { User, Role } from './user.entity.js';
import type { UserRepository } from './user.repository.js';

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
    private readonly users: UserRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly organisation: OrganisationService,
    private readonly audit: AuditService,
  ) {}

  byId(id: string): Promise<User | null> {
    return this.users.byId(id);
  }

  /** Users the caller may see: their unit (unit manager), administration (coordinator) or municipality (admin). */
  async visibleTo(principal: Principal): Promise<User[]> {
    const users = await this.users.inScopeOf(principal);
    return users.sort((a, b) => a.displayName.localeCompare(b.displayName, 'sv'));
  }

  /** Creates an account; the role decides which of unit and administration it must have. */
  async create(caller: Caller, input: NewUser): Promise<User> {
    const email = input.email.trim().toLowerCase();
    const unitId = input.unitId ?? null;
    const administrationId = input.administrationId ?? null;
    const problem = scopeProblem({ role: input.role, unitId, administrationId });
    if (problem) throw badInput(problem.message, problem.field);

    if (unitId) await this.organisation.reachableUnit(caller, unitId);
    if (administrationId && !(await this.organisation.hasAdministration(caller.principal.municipalityId, administrationId))) {
      throw notFound('Administration', 'administrationId');
    }
    const passwordHash = await hashPassword(input.password);
    return this.unitOfWork.run(async (m) => {
      if (await this.users.hasEmail(email, m)) throw conflict('A user with that email exists', 'email');
      const user = await this.users.insert(
        {
          id: randomUUID(),
          municipalityId: caller.principal.municipalityId,
          email,
          displayName: input.displayName.trim(),
          passwordHash,
          role: input.role,
          roleSource: 'admin',
          unitId,
          administrationId,
          active: true,
          createdAt: new Date(),
          externalSubject: null,
          lastSignInAt: null,
          lastSignInMethod: null,
        },
        m,
      );
      await this.audit.record(caller, [{ action: 'create', entityType: 'user', entityId: user.id, details: { role: user.role } }], m);
      return user;
    });
  }
}
