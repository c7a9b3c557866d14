/**
 * From referrals `rf` (with area_id and municipality_id) to the live endpoints (`e`) to tell of each: of every
 * partner that may read it (its municipality and area, `referrals:read`, not revoked), subscribed to
 * `referral.created`. Shared with the batch save's check for whether any delivery is due (save-finished.sql.ts).
 */
export const REFERRAL_SUBSCRIBERS = `JOIN partner_client_area pca ON pca.area_id = rf.area_id
  JOIN partner_client pc ON pc.id = pca.partner_client_id AND pc.municipality_id = rf.municipality_id
    AND pc.revoked_at IS NULL AND 'referrals:read' = ANY(pc.scopes)
  JOIN webhook_endpoint e ON e.partner_client_id = pc.id AND e.removed_at IS NULL AND 'referral.created' = ANY(e.events)`;
