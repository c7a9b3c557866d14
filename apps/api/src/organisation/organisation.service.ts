import { randomUUID } from 'node:crypto';
import type { AuditService } from '../audit/audit.service.js';
import type { Caller } from '../shared/context.js';
import { badInput, notFound } from '../shared/app-error.js';
import { assertReach } from '../access/scope.js';
import type { OrgPlacement } from '../auth/principal.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { Administration, Area, Municipality, Unit } from './organisation.entities.js';
import type { OrganisationRepository } from './organisation.repository.js';

export interface Organisation {
  municipality: Municipality;
  administrations: Administration[];
  units: Unit[];
  areas: Area[];
}

/** Municipality → administrations → units, and the areas used for statistics. Not personal data. */
export class OrganisationService {
  constructor(
    private readonly organisation: OrganisationRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async organisationOf(municipalityId: string): Promise<Organisation> {
    const municipality = await this.organisation.municipality(municipalityId);
    if (!municipality) throw notFound('Municipality');
    const [administrations, units, areas] = await Promise.all([
      this.organisation.administrationsOf(municipalityId),
      this.organisation.unitsOf(municipalityId),
      this.organisation.areasOf(municipalityId),
    ]);
    return { municipality, administrations, units, areas };
  }

  /** Where a unit sits, for scope checks (`access/scope.ts`); null when there is no such unit. */
  placementOfUnit(unitId: string): Promise<OrgPlacement | null> {
    return this.organisation.placementOfUnit(unitId);
  }

  /** A unit the caller may work with: NOT_FOUND outside their municipality, FORBIDDEN outside their scope. */
  async reachableUnit(caller: Caller, unitId: string, field = 'unitId'): Promise<OrgPlacement> {
    const placement = await this.placementOfUnit(unitId);
    assertReach(caller.principal, placement, { what: 'Unit', field, entityType: 'unit', entityId: unitId });
    return placement;
  }

  /** Whether an administration of this id is in the municipality. */
  hasAdministration(municipalityId: string, administrationId: string): Promise<boolean> {
    return this.organisation.hasAdministration(municipalityId, administrationId);
  }

  /** Whether an area of this id is in the municipality. */
  hasArea(municipalityId: string, areaId: string): Promise<boolean> {
    return this.organisation.hasArea(municipalityId, areaId);
  }

  /** Units by id, unscoped and unaudited (not personal data): for the per-request loaders. */
  unitsByIds(ids: readonly string[]): Promise<Unit[]> {
    return this.organisation.unitsByIds(ids);
  }

  async createAdministration(caller: Caller, name: string): Promise<Administration> {
    const municipalityId = caller.principal.municipalityId;
    return this.unitOfWork.run(async (m) => {
      if (await this.organisation.hasAdministrationNamed(municipalityId, name, m)) throw badInput('An administration with that name exists', 'name');
      const row = await this.organisation.insertAdministration({ id: randomUUID(), municipalityId, name }, m);
      await this.audit.record(caller, [{ action: 'create', entityType: 'administration', entityId: row.id }], m);
      return row;
    });
  }

  async createUnit(caller: Caller, administrationId: string, name: string): Promise<Unit> {
    return this.unitOfWork.run(async (m) => {
      const administration = await this.organisation.administrationIn(caller.principal.municipalityId, administrationId, m);
      if (!administration) throw notFound('Administration', 'administrationId');
      if (await this.organisation.hasUnitNamed(administrationId, name, m)) throw badInput('A unit with that name exists', 'name');
      const row = await this.organisation.insertUnit({ id: randomUUID(), administrationId, name }, m);
      await this.audit.record(caller, [{ action: 'create', entityType: 'unit', entityId: row.id }], m);
      return row;
    });
  }

  async createArea(caller: Caller, code: string, name: string): Promise<Area> {
    const municipalityId = caller.principal.municipalityId;
    return this.unitOfWork.run(async (m) => {
      if (await this.organisation.hasAreaCoded(municipalityId, code, m)) throw badInput('An area with that code exists', 'code');
      const row = await this.organisation.insertArea({ id: randomUUID(), municipalityId, code, name }, m);
      await this.audit.record(caller, [{ action: 'create', entityType: 'area', entityId: row.id }], m);
      return row;
    });
  }
}
