import { randomUUID } from 'node:crypto';
import type { AuditService } from '../audit/audit.service.js';
import { conflict, notFound } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { RoleMappingRow } from './role-mapping.entities.js';
import type { IdentitySettings, RoleMappingRepository } from './role-mapping.repository.js';
import type { UserLifecycleService } from './user-lifecycle.service.js';
import { scopedRoleOf } from './user-lifecycle.service.js';
import type { RoleMappingInput } from './user-account.types.js';

/**
 * The admin's mapping table (claim value → role and scope) and identity settings, each change audited.
 * A change to the table takes effect at each person's next sign-in through the provider (auth/oidc/provider-user.ts).
 */
export class RoleMappingService {
  constructor(
    private readonly mappings: RoleMappingRepository,
    private readonly lifecycle: UserLifecycleService,
    private readonly transactions: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  list(caller: Caller): Promise<RoleMappingRow[]> {
    return this.mappings.list(caller.principal.municipalityId);
  }

  settings(caller: Caller): Promise<IdentitySettings> {
    return this.mappings.settings(caller.principal.municipalityId);
  }

  async create(caller: Caller, input: RoleMappingInput): Promise<RoleMappingRow> {
    const scoped = scopedRoleOf(input);
    await this.lifecycle.checkScopedRole(caller, scoped);
    const municipalityId = caller.principal.municipalityId;
    return this.transactions.run(async (m) => {
      if (await this.mappings.hasClaimValue(municipalityId, input.claimValue, m)) throw conflict('That claim value is mapped already', 'claimValue');
      const row = await this.mappings.insert({ id: randomUUID(), municipalityId, claimValue: input.claimValue, ...scoped, createdAt: new Date() }, m);
      await this.audit.record(
        caller,
        [{ action: 'create', entityType: 'role_mapping', entityId: row.id, details: { claimValue: row.claimValue, ...scoped } }],
        m,
      );
      return row;
    });
  }

  async remove(caller: Caller, id: string): Promise<boolean> {
    return this.transactions.run(async (m) => {
      const row = await this.mappings.remove(caller.principal.municipalityId, id, m);
      if (!row) throw notFound('Role mapping', 'id');
      const { claimValue, role, unitId, administrationId } = row;
      await this.audit.record(
        caller,
        [{ action: 'delete', entityType: 'role_mapping', entityId: id, details: { claimValue, role, unitId, administrationId } }],
        m,
      );
      return true;
    });
  }

  async updateSettings(caller: Caller, settings: IdentitySettings): Promise<IdentitySettings> {
    const municipalityId = caller.principal.municipalityId;
    return this.transactions.run(async (m) => {
      const before = await this.mappings.settings(municipalityId, m);
      await this.mappings.saveSettings(municipalityId, settings, m);
      await this.audit.record(
        caller,
        [{ action: 'update', entityType: 'identity_setting', entityId: municipalityId, details: { from: before, to: settings } }],
        m,
      );
      return settings;
    });
  }
}
