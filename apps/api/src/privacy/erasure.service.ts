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
    const ids = await this.repo.pastRetention(monthsBefore(now, retentionMonths), RETENTION_BATCH);
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

  /**
   * Retention of feedback (docs/feedback.md § Retention): `contactMonths` after a case was answered the
   * sender's contact details go, `textMonths` after it its text; each change audited as the system's, in
   * one transaction per part. 0 months keeps that part. Answers how many cases changed.
   */
  async cullFeedback(months: { contactMonths: number; textMonths: number }, now: Date = this.now()): Promise<number> {
    let changed = 0;
    for (const [part, count] of [['contact', months.contactMonths] as const, ['text', months.textMonths] as const]) {
      if (count <= 0) continue;
      const ids = await this.unitOfWork.run(async (m) => {
        const culled = await this.repo.cullFeedback(part, monthsBefore(now, count), RETENTION_BATCH, m);
        const source = { principal: null, requestId: `retention-${now.toISOString()}` };
        const details = { by: 'retention', removed: part, retentionMonths: count };
        if (culled.length > 0)
          await this.audit.record(
            source,
            culled.map((id) => ({ action: 'update', entityType: 'feedback_case', entityId: id, details })),
            m,
          );
        return culled;
      });
      changed += ids.length;
    }
    return changed;
  }
}

/** The same day `months` calendar months before `at` (UTC). */
function monthsBefore(at: Date, months: number): Date {
  const cutoff = new Date(at);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}
