import type { AuditService } from '../audit/audit.service.js';
import { badInput, conflict, notFound } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import type { AccessReviewFlagRecord, AccessReviewRepository, FlagScope } from './access-review.repository.js';
import { dayBefore, type AccessReviewRules } from './access-review.rules.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The daily log review: flags computed by a job, seen and marked reviewed by admins and coordinators. */
export class AccessReviewService {
  constructor(
    private readonly repo: AccessReviewRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
    private readonly rules: AccessReviewRules,
  ) {}

  /** The job's run: flags the Swedish day before `now` (again, harmlessly, when it was done). */
  reviewPreviousDay(now: Date = new Date()): Promise<number> {
    return this.repo.flagDay(dayBefore(now), this.rules);
  }

  /** Flags one given day (YYYY-MM-DD). */
  reviewDay(day: string): Promise<number> {
    return this.repo.flagDay(day, this.rules);
  }

  async list(caller: Caller, from: string, to: string, unreviewedOnly: boolean): Promise<AccessReviewFlagRecord[]> {
    if (!DAY.test(from) || !DAY.test(to) || from > to) throw badInput('from and to must be days, from not after to', 'from');
    return this.repo.list(scopeOf(caller), { from, to, unreviewedOnly });
  }

  async markReviewed(caller: Caller, id: string, note: string | null): Promise<AccessReviewFlagRecord> {
    const text = note?.trim() || null;
    if (text && text.length > 1000) throw badInput('The note is longer than 1000 characters', 'note');
    return this.unitOfWork.run(async (m) => {
      const flag = await this.repo.lockInScope(scopeOf(caller), id, m);
      if (!flag) throw notFound('Flag', 'id');
      if (flag.reviewedAt) throw conflict('The flag was already reviewed', 'id');
      const at = new Date();
      await this.repo.markReviewed(id, caller.principal.userId, at, text, m);
      await this.audit.record(caller, [{ action: 'update', entityType: 'access_review_flag', entityId: id, details: { change: 'reviewed' } }], m);
      return { ...flag, reviewedBy: caller.principal.userId, reviewedAt: at, reviewNote: text };
    });
  }
}

const scopeOf = (caller: Caller): FlagScope => ({
  municipalityId: caller.principal.municipalityId,
  administrationId: caller.principal.role === 'admin' ? null : caller.principal.administrationId,
});
