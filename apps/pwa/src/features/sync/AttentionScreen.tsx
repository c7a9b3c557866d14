import { useState } from 'react';
import { usePersistentText } from '../../app/autosave.js';
import { Dialog } from '../auth/Dialog.js';
import { useAsync, useStore } from '../../app/hooks.js';
import { navigate } from '../../app/router.js';
import { useI18n } from '../../i18n/i18n.js';
import { attentionOf, decide, outboxOf, reopenAsDraft, reopenAsTextDraft, retryFromAttention } from '../../data/outbox.js';
import type { AttentionItem, OutboxDecision, OutboxReview } from '../../data/db.js';
import { sessionStore } from '../../sync/session.js';
import { templateFor } from '../../sync/reference-sync.js';
import { flushOutbox, refreshSyncState, syncStore } from '../../sync/sync-engine.js';
import { afterEnqueue } from '../../sync/triggers.js';
import { declineScope } from '../review/OfferScreen.js';
import {
  answersOf,
  correctionTarget,
  draftFromRefused,
  reasonOf,
  refusalPlan,
  sectionIndexOf,
  withoutRefusedCharacters,
  type RefusalAction,
} from './refusal-plan.js';

/** The hash that opens a review at the question to correct (read by ReviewScreen). */
export const CORRECT_HASH = '#ratta-';

type OpenDialog = { kind: 'hand_over' | 'discard'; entry: AttentionItem } | null;

const DISCARD_REASONS = ['wrong_recipient', 'duplicate', 'ended', 'other'] as const;
type DiscardChoice = (typeof DISCARD_REASONS)[number];

const kindOf = (entry: AttentionItem) => (entry.item.kind === 'review' ? entry.item.payload.status : entry.item.kind);

/**
 * Results the server refused, each with what it means and what the worker can do about it (refusal-plan.ts):
 * try again, open and correct, hand over, or discard with a reason. A result leaves the phone only when
 * the server has stored it or recorded its discard; until then it stays here. The server's own words are
 * behind "Detaljer för support", with the request id.
 */
export function AttentionScreen() {
  const { t } = useI18n();
  const session = useStore(sessionStore);
  const sync = useStore(syncStore);
  const userId = session.status === 'active' ? session.session.user.id : '';
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [error, setError] = useState<string | null>(null);
  const data = useAsync(async () => {
    const [entries, outbox] = await Promise.all([attentionOf(userId), outboxOf(userId)]);
    const decisions = outbox.filter((i): i is OutboxDecision => i.kind === 'hand_over' || i.kind === 'discard');
    return { entries: entries.sort((a, b) => a.refusedAt.localeCompare(b.refusedAt)), decisions };
  }, [userId, sync.attention, sync.waiting, dialog]);

  const retry = async (entry: AttentionItem) => {
    await retryFromAttention(entry.id);
    await refreshSyncState();
    void flushOutbox().catch(() => undefined);
  };

  const correct = async (entry: AttentionItem & { item: OutboxReview }) => {
    const { payload } = entry.item;
    const reason = reasonOf(entry);
    if (payload.status === 'declined') {
      const text = withoutRefusedCharacters(payload.declineReason ?? '');
      await reopenAsTextDraft(entry.id, userId, declineScope(payload.recipientId), JSON.stringify({ reason: 'other', text }));
      await refreshSyncState();
      navigate({ name: 'offer', recipientId: payload.recipientId });
      return;
    }
    const template = await templateFor(payload.templateVersionId);
    if (!template) {
      setError(t('attention.correctFailed'));
      return;
    }
    const target = correctionTarget(entry, template);
    const at = target.screen === 'review' ? sectionIndexOf(template, answersOf(entry.item), target.itemKey) : 0;
    await reopenAsDraft(entry.id, draftFromRefused(entry.item, reason, at));
    await refreshSyncState();
    if (target.screen === 'review') {
      navigate({ name: 'review', clientId: payload.clientId });
      history.replaceState(null, '', `${location.pathname}${CORRECT_HASH}${target.itemKey}`);
    } else {
      navigate({ name: 'summary', clientId: payload.clientId });
    }
  };

  const act = (entry: AttentionItem, action: RefusalAction) => {
    setError(null);
    if (action === 'retry') void retry(entry);
    else if (action === 'correct' && entry.item.kind === 'review') void correct(entry as AttentionItem & { item: OutboxReview });
    else if (action === 'handOver') setDialog({ kind: 'hand_over', entry });
    else if (action === 'discard') setDialog({ kind: 'discard', entry });
  };

  const label: Record<RefusalAction, string> = {
    retry: t('attention.retry'),
    correct: t('attention.correct'),
    handOver: t('attention.handOver'),
    discard: t('attention.discard'),
  };

  const ready = data.status === 'ready' ? data.value : null;
  return (
    <section>
      <h1 tabIndex={-1}>{t('attention.title')}</h1>
      <p>{t('attention.explain')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {ready && ready.entries.length === 0 && ready.decisions.length === 0 && <p>{t('attention.empty')}</p>}
      {ready && (
        <ul className="list">
          {ready.entries.map((entry) => {
            const plan = refusalPlan(entry);
            return (
              <li key={entry.id} className="card" data-testid="attention-item">
                <Heading entry={entry} />
                <p className="refusal">{t(plan.explanation)}</p>
                <div className="button-row">
                  {plan.actions.map((action) => (
                    <button
                      key={action}
                      type="button"
                      className={action === plan.actions[0] ? 'button button-primary' : 'button'}
                      onClick={() => act(entry, action)}
                    >
                      {label[action]}
                    </button>
                  ))}
                </div>
                <SupportDetails entry={entry} />
              </li>
            );
          })}
          {ready.decisions.map((decision) => (
            <li key={decision.id} className="card" data-testid="attention-pending">
              <Heading entry={decision.entry} />
              <p className="status status-waiting">{t(`attention.pending.${decision.kind}`)}</p>
            </li>
          ))}
        </ul>
      )}
      {dialog?.kind === 'hand_over' && <HandOverDialog userId={userId} entry={dialog.entry} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'discard' && <DiscardDialog userId={userId} entry={dialog.entry} onClose={() => setDialog(null)} />}
    </section>
  );
}

function Heading({ entry }: { entry: AttentionItem }) {
  const { t } = useI18n();
  const when = entry.item.kind === 'review' ? entry.item.payload.performedAt : entry.item.createdAt;
  return (
    <>
      <p className="list-title">{entry.item.recipientReference || t('attention.kind.close_action')}</p>
      <p className="list-meta">{t('attention.performed', { what: t(`attention.kind.${kindOf(entry)}`), date: new Date(when).toLocaleDateString('sv-SE') })}</p>
    </>
  );
}

/** What support needs, out of the way: the server's code, field and words, the request id and when. */
function SupportDetails({ entry }: { entry: AttentionItem }) {
  const { t } = useI18n();
  const rows: Array<[string, string | null | undefined]> = [
    [t('attention.details.code'), entry.reason ? `${entry.code} (${entry.reason})` : entry.code],
    [t('attention.details.field'), entry.field],
    [t('attention.details.message'), entry.message],
    [t('attention.details.requestId'), entry.requestId],
    [t('attention.details.refusedAt'), new Date(entry.refusedAt).toLocaleString('sv-SE')],
  ];
  return (
    <details className="support-details">
      <summary>{t('attention.details')}</summary>
      <dl>
        {rows
          .filter((row): row is [string, string] => Boolean(row[1]))
          .map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd lang="en" dir="auto">
                {value}
              </dd>
            </div>
          ))}
      </dl>
    </details>
  );
}

/** After a decision is queued: the result leaves this list, and goes when the server has it. */
async function queueDecision(entry: AttentionItem, kind: OutboxDecision['kind'], reason: string): Promise<void> {
  await decide(entry.id, kind, reason);
  afterEnqueue();
}

function HandOverDialog({ userId, entry, onClose }: { userId: string; entry: AttentionItem; onClose(): void }) {
  const { t } = useI18n();
  const reason = usePersistentText(userId, `handOver:${entry.id}`, t('handOver.defaultReason'));
  const text = reason.value.trim();
  const confirm = async () => {
    if (!text) return;
    await queueDecision(entry, 'hand_over', text);
    await reason.clear();
    onClose();
  };
  return (
    <Dialog labelledBy="hand-over-title" onClose={onClose}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
      >
        <h2 id="hand-over-title">{t('handOver.title')}</h2>
        <p>{t('handOver.explain')}</p>
        <label htmlFor="hand-over-reason">{t('handOver.reason')}</label>
        <textarea
          id="hand-over-reason"
          maxLength={500}
          required
          value={reason.value}
          disabled={!reason.ready}
          onChange={(e) => reason.change(e.target.value)}
          onBlur={reason.flush}
        />
        <div className="button-row">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={!reason.ready || !text}>
            {t('handOver.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function parseDiscard(stored: string): { choice: DiscardChoice; text: string } {
  try {
    const form = JSON.parse(stored) as { choice?: string; text?: unknown };
    const choice = DISCARD_REASONS.find((c) => c === form.choice) ?? 'wrong_recipient';
    return { choice, text: typeof form.text === 'string' ? form.text : '' };
  } catch {
    return { choice: 'wrong_recipient', text: '' };
  }
}

function DiscardDialog({ userId, entry, onClose }: { userId: string; entry: AttentionItem; onClose(): void }) {
  const { t } = useI18n();
  const draft = usePersistentText(userId, `discard:${entry.id}`);
  const { choice, text } = parseDiscard(draft.value);
  const set = (next: { choice: DiscardChoice; text: string }) => draft.change(JSON.stringify(next));
  const reason = choice === 'other' ? text.trim() : t(`discard.reason.${choice}`);
  const confirm = async () => {
    if (!reason) return;
    await queueDecision(entry, 'discard', reason);
    await draft.clear();
    onClose();
  };
  return (
    <Dialog labelledBy="discard-title" onClose={onClose}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
      >
        <h2 id="discard-title">{t('discard.title')}</h2>
        <p>{t('discard.explain')}</p>
        <fieldset disabled={!draft.ready}>
          <legend>{t('discard.reason')}</legend>
          {DISCARD_REASONS.map((c) => (
            <label key={c} className="choice">
              <input type="radio" name="discard-reason" value={c} checked={choice === c} onChange={() => set({ choice: c, text })} />
              <span>{t(`discard.reason.${c}`)}</span>
            </label>
          ))}
        </fieldset>
        {choice === 'other' && (
          <>
            <label htmlFor="discard-other">{t('discard.reason.other')}</label>
            <textarea id="discard-other" maxLength={500} required value={text} onChange={(e) => set({ choice, text: e.target.value })} onBlur={draft.flush} />
          </>
        )}
        <div className="button-row">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={!draft.ready || !reason}>
            {t('discard.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
