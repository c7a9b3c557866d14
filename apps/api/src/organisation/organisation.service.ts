import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AuditService } from '../audit/audit.service.js';
import type { Caller } from '../shared/context.js';
import { badInput, notFound } from '../shared/app-error.js';
import { assertReach } from '../access/scope.js';
import type { OrgPlacement } from '../auth/principal.js';
import { Administration, Area, Municipality, Unit } from './organisation.entities.js';

export interface Organisation {
  municipality: Municipality;
  administrations: Administration[];
  units: Unit[];
  areas: Area[];
}

/** Municipality → administrations → units, and the areas used for statistics. Not personal data. */
export class OrganisationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async organisationOf(municipalityId: string): Promise<Organisation> {
    const m = this.dataSource.manager;
    const municipality = await m.findOneBy(Municipality, { id: municipalityId });
    if (!municipality) throw notFound('Municipality');
    const [administrations, units, areas] = await Promise.all([
      m.find(Administration, { where: { municipalityId }, order: { name: 'ASC' } }),
      m
        .createQueryBuilder(Unit, 'u')
        .innerJoin(Administration, 'a', 'a.id = u.administration_id')
        .where('a.municipality_id = :municipalityId', { municipalityId })
        .orderBy('u.name')
        .getMany(),
      m.find(Area, { where: { municipalityId }, order: { code: 'ASC' } }),
    ]);
    return { municipality, administrations, units, areas };
  }

  /** Where a unit sits, for scope checks (`access/scope.ts`); null when there is no such unit. */
  async placementOfUnit(unitId: string): Promise<OrgPlacement | null> {
    const rows: Array<{ administration_id: string; municipality_id: string }> = await this.dataSource.query(
      `SELECT u.administration_id, a.municipality_id FROM unit u JOIN administration a ON a.id = u.administration_id WHERE u.id = $1`,
      [unitId],
    );
    const row = rows[0];
    return row ? { unitId, administrationId: row.administration_id, municipalityId: row.municipality_id } : null;
  }

  /** A unit the caller may work with: NOT_FOUND outside their municipality, FORBIDDEN outside their scope. */
  async reachableUnit(caller: Caller, unitId: string, field = 'unitId'): Promise<OrgPlacement> {
    const placement = await this.placementOfUnit(unitId);
    assertReach(caller.principal, placement, { what: 'Unit', field, entityType: 'unit', entityId: unitId });
    return placement;
  }

  async createAdministration(caller: Caller, name: string): Promise<Administration> {
    return this.dataSource.transaction(async (m) => {
      const taken = await m.existsBy(Administration, { municipalityId: caller.principal.municipalityId, name });
      if (taken) throw badInput('An administration with that name exists', 'name');
      const row = m.create(Administration, { id: randomUUID(), municipalityId: caller.principal.municipalityId, name });
      await m.insert(Administration, row);
      await this.audit.record(caller, [{ action: 'create', entityType: 'administration', entityId: row.id }], m);
      return row;
    });
  }

  async createUnit(caller: Caller, administrationId: string, name: string): Promise<Unit> {
    return this.dataSource.transaction(async (m) => {
      const administration = await m.findOneBy(Administration, { id: administrationId, municipalityId: caller.principal.municipalityId });
      if (!administration) throw notFound('Administration', 'administrationId');
      if (await m.existsBy(Unit, { administrationId, name })) throw badInput('A unit with that name exists', 'name');
      const row = m.create(Unit, { id: randomUUID(), administrationId, name });
      await m.insert(Unit, row);
      await this.audit.record(caller, [{ action: 'create', entityType: 'unit', entityId: row.id }], m);
      return row;
    });
  }

  async createArea(caller: Caller, code: string, name: string): Promise<Area> {
    return this.dataSource.transaction(async (m) => {
      const municipalityId = caller.principal.municipalityId;
      if (await m.existsBy(Area, { municipalityId, code })) throw badInput('An area with that code exists', 'code');
      const row = m.create(Area, { id: randomUUID(), municipalityId, code, name });
      await m.insert(Area, row);
      await this.audit.record(caller, [{ action: 'create', entityType: 'area', entityId: row.id }], m);
      return row;
    });
  }
}
