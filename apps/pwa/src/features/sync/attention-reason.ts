import type { AttentionItem } from '../../data/db.js';
import type { MessageKey } from '../../i18n/messages.sv.js';

const PLAIN_REFUSALS = new Set(['FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'INTERNAL_SERVER_ERROR']);
const ACTION_CLIENT_ID = /^actions\[\d+\]\.clientId$/;

/**
 * The message that tells a worker why a result is under "needs attention". A CONFLICT is told apart by
 * its field: the review's own clientId (the server holds that result with other content) or an agreed
 * action's (an action id already taken); the server's wording is shown beside it for support.
 */
export function attentionReason(entry: Pick<AttentionItem, 'code' | 'field'>): MessageKey {
  if (entry.code === 'CONFLICT') {
    if (entry.field === 'clientId') return 'refusal.CONFLICT.review';
    if (entry.field && ACTION_CLIENT_ID.test(entry.field)) return 'refusal.CONFLICT.action';
    return 'refusal.CONFLICT';
  }
  return PLAIN_REFUSALS.has(entry.code) ? (`refusal.${entry.code}` as MessageKey) : 'refusal.other';
}
