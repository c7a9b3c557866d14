/*
 * A partner (the fire service's system) as the API sees it. Partners are not users: a partner token never
 * yields a `Principal`, and a user token never yields a `PartnerPrincipal` (partner-token.ts).
 */

/**
 * What a partner may be granted. `risk_statistics:read` (de-identified statistics for its areas),
 * `referrals:read` and `referrals:ack` (consented referrals) are the operations the partner API is built
 * for; `partnerSelf` needs no scope. An operation declares the scope it needs with
 * `@Authorized<Grant>(...partnerWith('referrals:read'))` (access/roles.ts).
 */
export const PARTNER_SCOPES = ['risk_statistics:read', 'referrals:read', 'referrals:ack'] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];

export const isPartnerScope = (value: string): value is PartnerScope => (PARTNER_SCOPES as readonly string[]).includes(value);

/** A verified partner token, checked against the client's current state in this request. */
export interface PartnerPrincipal {
  clientId: string;
  municipalityId: string;
  name: string;
  /** The token's scopes that the client still holds. */
  scopes: PartnerScope[];
  /** The areas the client covers now: everything a partner reads is limited to them. */
  areaIds: string[];
}
