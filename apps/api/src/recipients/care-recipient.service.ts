import { randomUUID } from 'node:crypto';
import type { AuditService } from '../audit/audit.service.js';
import { assertReach } from '../access/scope.js';
import { badInput, conflict, forbidden } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { OrganisationService } from '../organisation/organisation.service.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { CareRecipient, HousingType } from './care-recipient.entity.js';
import type { CareRecipientRepository, PeriodQuery, PeriodReview, RecipientFilter } from './care-recipient.repository.js';

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
    private readonly recipients: CareRecipientRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly organisation: OrganisationService,
    private readonly audit: AuditService,
  ) {}

  async list(caller: Caller, filter: RecipientFilter): Promise<CareRecipient[]> {
    const recipients = await this.recipients.inScopeOf(caller.principal, filter);
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
    await this.assertArea(caller, input.areaId);
    return this.unitOfWork.run(async (m) => {
      const municipalityId = caller.principal.municipalityId;
      if (await this.recipients.hasReference(municipalityId, input.reference, m)) {
        throw conflict('A care recipient with that reference exists', 'reference');
      }
      const recipient = await this.recipients.insert(
        {
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
          erasedAt: null,
        },
        m,
      );
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
    if (changes.areaId) await this.assertArea(caller, changes.areaId);
    return this.unitOfWork.run(async (m) => {
      const next: CareRecipient = {
        ...recipient,
        ...(changes.unitId ? { unitId: changes.unitId } : {}),
        ...(changes.areaId ? { areaId: changes.areaId } : {}),
        ...(changes.housingType ? { housingType: changes.housingType } : {}),
        ...(changes.ordinaryHousing !== undefined && changes.ordinaryHousing !== null ? { ordinaryHousing: changes.ordinaryHousing } : {}),
        ...(changes.address !== undefined && changes.address !== null ? { address: changes.address.trim() || null } : {}),
        ...(changes.active !== undefined && changes.active !== null ? { active: changes.active } : {}),
      };
      const { unitId, areaId, housingType, ordinaryHousing, address, active } = next;
      await this.recipients.update(id, { unitId, areaId, housingType, ordinaryHousing, address, active }, m);
      const changed = Object.keys(changes).filter((k) => changes[k as keyof CareRecipientChanges] !== undefined);
      await this.audit.record(caller, [{ action: 'update', entityType: 'care_recipient', entityId: id, careRecipientId: id, details: { changed } }], m);
      return next;
    });
  }

  /** Recipients by id, unscoped and unaudited: for the per-request loaders, whose parent record was scoped and audited. */
  byIds(ids: readonly string[]): Promise<CareRecipient[]> {
    return this.recipients.byIds(ids);
  }

  /** Where recipients stand in a period, unaudited: for the `reviewStatus` of recipients already listed. */
  periodReviews(q: PeriodQuery): Promise<PeriodReview[]> {
    return this.recipients.periodReviews(q);
  }

  private async reachable(caller: Caller, id: string, field: string): Promise<CareRecipient> {
    const recipient = await this.recipients.byId(id);
    const placement = recipient ? await this.organisation.placementOfUnit(recipient.unitId) : null;
    assertReach(caller.principal, placement, {
      what: 'Care recipient',
      field,
      entityType: 'care_recipient',
      entityId: id,
      careRecipientId: recipient?.id ?? null,
    });
    return recipient as CareRecipient;
  }

  private async assertArea(caller: Caller, areaId: string): Promise<void> {
    if (!(await this.organisation.hasArea(caller.principal.municipalityId, areaId))) throw badInput('Unknown area', 'areaId');
  }
}
