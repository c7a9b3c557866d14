import { randomUUID } from 'node:crypto';
import { documentId } from '../../src/partners/trusted-documents.js';
import { reviewInput, SUBMIT_REVIEWS } from './factories.js';
import { partnerRequest, type PartnerAnswer } from './partners.js';
import type { TestServer } from './test-server.js';

/* The registered referral documents (graphql/partner-operations.json), and fixtures for referral tests. */

export const REFERRALS =
  'query Referrals($since: String, $first: Int) { referrals(since: $since, first: $first) { cursor hasMore count referrals { id createdAt area { code name } address housingType risks { itemKey category severity } outcome acknowledgedAt } } }';
export const REFERRALS_ID = documentId(REFERRALS);
export const ACKNOWLEDGE_REFERRAL =
  'mutation AcknowledgeReferral($id: UUID!, $outcome: ReferralOutcome!) { acknowledgeReferral(id: $id, outcome: $outcome) { id outcome acknowledgedAt } }';
export const ACKNOWLEDGE_REFERRAL_ID = documentId(ACKNOWLEDGE_REFERRAL);

export interface ReferralSeen {
  id: string;
  createdAt: string;
  area: { code: string; name: string };
  address: string | null;
  housingType: string;
  risks: Array<{ itemKey: string; category: string; severity: string }>;
  outcome: string | null;
  acknowledgedAt: string | null;
}

export interface ReferralPageSeen {
  cursor: string;
  hasMore: boolean;
  count: number;
  referrals: ReferralSeen[];
}

export async function referralPage(
  url: string,
  token: string,
  variables: { since?: string; first?: number } = {},
): Promise<PartnerAnswer & { page: ReferralPageSeen | null }> {
  const res = await partnerRequest(url, token, { documentId: REFERRALS_ID, variables });
  return { ...res, page: (res.body.data?.['referrals'] as ReferralPageSeen | undefined) ?? null };
}

/**
 * Reads the whole feed; answers the cursor after the last referral, to read only what comes next. The feed
 * holds back a referral committed after a write transaction that is still running (the audit chainer's,
 * each second), so a referral made just before can appear only in a later read: the feed is read until
 * two reads 300 ms apart end at the same cursor.
 */
export async function drainReferrals(url: string, token: string): Promise<string> {
  let since: string | undefined;
  for (let settled: string | undefined; ;) {
    const { page, body } = await referralPage(url, token, { ...(since ? { since } : {}), first: 500 });
    if (!page) throw new Error(`referrals failed: ${JSON.stringify(body.errors)}`);
    since = page.cursor;
    if (page.hasMore) continue;
    if (since === settled) return since;
    settled = since;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

export function acknowledge(url: string, token: string, id: string, outcome: string): Promise<PartnerAnswer> {
  return partnerRequest(url, token, { documentId: ACKNOWLEDGE_REFERRAL_ID, variables: { id, outcome } });
}

/** A new care recipient of the unit, in the area, with an address (created by the unit's manager or an admin). */
export async function newRecipient(
  server: TestServer,
  token: string,
  unitId: string,
  areaId: string,
  address: string | null = 'Brandgatan 3, Norrköping',
): Promise<string> {
  const res = await server.gql<{ createCareRecipient: { id: string } }>(
    `mutation($input: CreateCareRecipientInput!) { createCareRecipient(input: $input) { id } }`,
    { input: { reference: `ref-${randomUUID().slice(0, 8)}`, unitId, areaId, housingType: 'RENTED_FLAT', address } },
    token,
  );
  if (!res.data) throw new Error(`createCareRecipient failed: ${JSON.stringify(res.errors)}`);
  return res.data.createCareRecipient.id;
}

/** Submits one completed review as a phone does; answers the stored review's id. */
export async function submitReview(server: TestServer, staffToken: string, recipientId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await server.gql<{ submitReviews: Array<{ outcome: string; review: { id: string } | null; error: unknown }> }>(
    SUBMIT_REVIEWS,
    { input: [reviewInput(recipientId, server.seed.templateVersionId, overrides)] },
    staffToken,
  );
  const review = res.data?.submitReviews[0]?.review;
  if (!review) throw new Error(`submitReviews failed: ${JSON.stringify(res.errors ?? res.data)}`);
  return review.id;
}
