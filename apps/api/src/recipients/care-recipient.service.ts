import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service.js';
import { assertReach, named, unitScopeCondition } from '../access/scope.js';
import { badInput, conflict, forbidden } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import { Area } from '../organisation/organisation.entities.js';
import type { OrganisationService } from '../organisation/organisation.service.js';
import { CareRecipient, type HousingType } from './care-recipient.entity.js';

export interface NewCareRecipient {
  reference: string;
  unitId: string;
  areaId: string;
  housingType: HousingType;
  ordinaryHousing: boolean;
  address?: string | null | undefined;
}

export type CareRecipientChanges = Partial<Omit<NewCareRecipient, 'reference'> & { active: boolean }>;

const readEntries = (recipients: CareRecipient[]) =>
  recipients.map((r) => ({ action: 'read' as const, entityType: 'care_recipient', entityId: r.id, careRecipientId: r.id }));

/** Care recipients in the caller's scope. Every read is audited, one row per recipient. */
export class CareRecipientService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisation: OrganisationService,
    private readonly audit: AuditService,
  ) {}

  async list(caller: Caller, filter: { unitId?: string | undefined; includeInactive?: boolean | undefined }): Promise<CareRecipient[]> {
    const qb = this.dataSource.getRepository(CareRecipient).createQueryBuilder('r');
    qb.where(unitScopeCondition(caller.principal, 'r.unit_id', named(qb)));
    if (filter.unitId) qb.andWhere('r.unit_id = :unitId', { unitId: filter.unitId });
    if (!filter.includeInactive) qb.andWhere('r.active');
    const recipients = await qb.orderBy('r.reference').getMany();
    await this.audit.record(caller, readEntries(recipients));
    return recipients;
  }

  /** One recipient, audited; FORBIDDEN outside the caller's scope. */
  async get(caller: Caller, id: string, field = 'id'): Promise<CareRecipient> {
    const recipient = await this.reachable(caller, id, field);
    await this.audit.record(caller, readEntries([recipient]));
    return recipient;
  }

  async create(caller: Caller, input: NewCareRecipient): Promise<CareRecipient> {
    await this.organisation.reachableUnit(caller, input.unitId);
    return this.dataSource.transaction(async (m) => {
      await this.assertArea(m, caller, input.areaId);
      const municipalityId = caller.principal.municipalityId;
      if (await m.existsBy(CareRecipient, { municipalityId, reference: input.reference })) {
        throw conflict('A care recipient with that reference exists', 'reference');
      }
      const recipient = m.create(CareRecipient, {
        id: randomUUID(),
        municipalityId,
        reference: input.reference,
        unitId: input.unitId,
        areaId: input.areaId,
        housingType: input.housingType,
        ordinaryHousing: input.ordinaryHousing,
        address: input.address?.trim() || null,
        active: true,
        createdAt: new Date(),
      });
      await m.insert(CareRecipient, recipient);
      await this.audit.record(caller, [{ action: 'create', entityType: 'care_recipient', entityId: recipient.id, careRecipientId: recipient.id }], m);
      return recipient;
    });
  }

  /** Changes a recipient. Only admins move a recipient between units: a unit manager cannot give one away. */
  async update(caller: Caller, id: string, changes: CareRecipientChanges): Promise<CareRecipient> {
    const recipient = await this.reachable(caller, id, 'id');
    if (changes.unitId && changes.unitId !== recipient.unitId) {
      if (caller.principal.role !== 'admin') throw forbidden('Only an admin moves a care recipient to another unit');
      await this.organisation.reachableUnit(caller, changes.unitId);
    }
    return this.dataSource.transaction(async (m) => {
      if (changes.areaId) await this.assertArea(m, caller, changes.areaId);
      const next: CareRecipient = {
        ...recipient,
        ...(changes.unitId ? { unitId: changes.unitId } : {}),
        ...(changes.areaId ? { areaId: changes.areaId } : {}),
        ...(changes.housingType ? { housingType: changes.housingType } : {}),
        ...(changes.ordinaryHousing !== undefined && changes.ordinaryHousing !== null ? { ordinaryHousing: changes.ordinaryHousing } : {}),
        ...(changes.address !== undefined && changes.address !== null ? { address: changes.address.trim() || null } : {}),
        ...(changes.active !== undefined && changes.active !== null ? { active: changes.active } : {}),
      };
      await m.update(CareRecipient, { id }, {
        unitId: next.unitId,
        areaId: next.areaId,
        housingType: next.housingType,
        ordinaryHousing: next.ordinaryHousing,
        address: next.address,
        active: next.active,
      });
      const changed = Object.keys(changes).filter((k) => changes[k as keyof CareRecipientChanges] !== undefined);
      await this.audit.record(caller, [{ action: 'update', entityType: 'care_recipient', entityId: id, careRecipientId: id, details: { changed } }], m);
      return next;
    });
  }

  private async reachable(caller: Caller, id: string, field: string): Promise<CareRecipient> {
    const recipient = await this.dataSource.manager.findOneBy(CareRecipient, { id });
    const placement = recipient ? await this.organisation.placementOfUnit(recipient.unitId) : null;
    assertReach(caller.principal, placement, { what: 'Care recipient', field, entityType: 'care_recipient', entityId: id, careRecipientId: recipient?.id ?? null });
    return recipient as CareRecipient;
  }

  private async assertArea(m: EntityManager, caller: Caller, areaId: string): Promise<void> {
    const found = await m.existsBy(Area, { id: areaId, municipalityId: caller.principal.municipalityId });
    if (!found) throw badInput('Unknown area', 'areaId');
  }
}
