import type { ReferralOutcome } from '@hjulet/domain';
import { assertReach } from '../access/scope.js';
import type { AuditService } from '../audit/audit.service.js';
import type { PartnerPrincipal } from '../partners/partner-principal.js';
import { AccessRefused, badInput } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { decodeCursor, encodeCursor, FEED_START } from './referral-cursor.js';
import type { ReferralRecord, ReferralRepository, ReferralStatusRecord } from './referral.repository.js';

export const MAX_REFERRAL_PAGE = 500;

export interface ReferralPage {
  referrals: ReferralRecord[];
  cursor: string;
  hasMore: boolean;
  count: number;
}

/**
 * Referrals to the fire service: made by the statement that stores a consented review (reviews/
 * save-finished.sql.ts), read and acknowledged by partners for their areas, withdrawn by the home-care
 * unit when the client withdraws consent. Every partner read is audited by the query that reads.
 */
export class ReferralService {
  constructor(
    private readonly repo: ReferralRepository,
    private readonly transactions: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async feed(partner: PartnerPrincipal, requestId: string, since: string | null | undefined, first: number | null | undefined): Promise<ReferralPage> {
    const after = since ? decodeCursor(since) : FEED_START;
    if (!after) throw badInput('Not a cursor this API gave out: pass the `cursor` of an earlier page, or nothing to start', 'since');
    const size = first ?? 100;
    if (!Number.isInteger(size) || size < 1 || size > MAX_REFERRAL_PAGE) throw badInput(`first must be 1 to ${MAX_REFERRAL_PAGE}`, 'first');
    const { referrals, hasMore } = await this.repo.feed(partner, requestId, after, size);
    const last = referrals.at(-1);
    return { referrals, hasMore, count: referrals.length, cursor: last ? encodeCursor(last.cursor) : encodeCursor(after) };
  }

  async acknowledge(partner: PartnerPrincipal, requestId: string, id: string, outcome: ReferralOutcome): Promise<ReferralRecord> {
    const referral = await this.repo.acknowledge(partner, requestId, id, outcome);
    if (!referral) throw new AccessRefused('NOT_FOUND', 'Referral not found', 'id', { entityType: 'referral', entityId: id });
    return referral;
  }

  /** The client withdrew consent: staff or the manager of the review's unit record it, and the referral is withdrawn. */
  async withdrawConsent(
    caller: Caller,
    reviewId: string,
  ): Promise<{ reviewId: string; consentToShareWithFireService: false; withdrawnReferralId: string | null }> {
    const placement = await this.repo.reviewPlacement(reviewId);
    assertReach(caller.principal, placement, {
      what: 'Review',
      field: 'reviewId',
      entityType: 'review',
      entityId: reviewId,
      careRecipientId: placement?.recipientId ?? null,
    });
    if (!placement.consent) return { reviewId, consentToShareWithFireService: false, withdrawnReferralId: null };
    const withdrawnReferralId = await this.transactions.run(async (m) => {
      const referralId = await this.repo.withdrawConsent(m, reviewId, caller.principal.userId);
      await this.audit.record(
        caller,
        [
          { action: 'update', entityType: 'review', entityId: reviewId, careRecipientId: placement.recipientId, details: { change: 'consent_withdrawn' } },
          ...(referralId
            ? [
                {
                  action: 'update' as const,
                  entityType: 'referral',
                  entityId: referralId,
                  careRecipientId: placement.recipientId,
                  details: { change: 'withdrawn' },
                },
              ]
            : []),
        ],
        m,
      );
      return referralId;
    });
    return { reviewId, consentToShareWithFireService: false, withdrawnReferralId };
  }

  statusByRiskIds(riskIds: readonly string[]): Promise<ReferralStatusRecord[]> {
    return this.repo.statusByRiskIds(riskIds);
  }
}
