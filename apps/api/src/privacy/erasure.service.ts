import type { AuditService } from '../audit/audit.service.js';
import { badInput, conflict, notFound } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { ErasureCounts, ErasureRepository } from './erasure.repository.js';

export interface Erasure extends ErasureCounts {
  careRecipientId: string;
  erasedAt: Date;
}

/** Recipients one retention run erases at most; the next run takes the rest. */
const RETENTION_BATCH = 500;

/**
 * Erasure of a care recipient's identifying data, on request (an admin) or when retention has passed (the
 * job). The audit row is written in the same transaction and names the person only by the row id, which
 * after erasure points at a stub with no identity (docs/data-protection.md).
 */
export class ErasureService {
  constructor(
    private readonly repo: ErasureRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async eraseOnRequest(caller: Caller, careRecipientId: string, reason: string): Promise<Erasure> {
    const why = reason.trim();
    if (why.length < 1 || why.length > 500) throw badInput('A reason of 1 to 500 characters is required', 'reason');
    return this.unitOfWork.run(async (m) => {
      const found = await this.repo.lockRecipient(careRecipientId, m);
      // Another municipality's recipient is as unknown as a missing one.
      if (!found || found.municipalityId !== caller.principal.municipalityId) throw notFound('Care recipient', 'careRecipientId');
      if (found.erasedAt) throw conflict('The care recipient was already erased', 'careRecipientId');
      const erasedAt = this.now();
      const counts = await this.repo.erase(careRecipientId, erasedAt, m, { keepLexSarah: true });
      await this.audit.record(
        caller,
        [{ action: 'erase', entityType: 'care_recipient', entityId: careRecipientId, careRecipientId, details: { by: 'request', reason: why, ...counts } }],
        m,
      );
      return { careRecipientId, erasedAt, ...counts };
    });
  }

  /**
   * Erases the recipients past retention at `now` (months counted back in the calendar), each in its own
   * transaction with its audit row. Answers how many; 0 months turns retention off.
   */
  async enforceRetention(retentionMonths: number, now: Date = this.now()): Promise<number> {
    if (retentionMonths <= 0) return 0;
    const cutoff = new Date(now);
    cutoff.setUTCMonth(cutoff.getUTCMonth() - retentionMonths);
    const ids = await this.repo.pastRetention(cutoff, RETENTION_BATCH);
    const source = { principal: null, requestId: `retention-${now.toISOString()}` };
    for (const id of ids) {
      await this.unitOfWork.run(async (m) => {
        const found = await this.repo.lockRecipient(id, m);
        if (!found || found.erasedAt) return;
        const counts = await this.repo.erase(id, now, m, { keepLexSarah: false });
        await this.audit.record(
          source,
          [{ action: 'erase', entityType: 'care_recipient', entityId: id, careRecipientId: id, details: { by: 'retention', retentionMonths, ...counts } }],
          m,
        );
      });
    }
    return ids.length;
  }
}
