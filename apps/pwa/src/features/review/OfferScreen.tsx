import { useAsync, useStore } from '../../app/hooks.js';
import { usePersistentText } from '../../app/autosave.js';
import { navigate } from '../../app/router.js';
import { useI18n } from '../../i18n/i18n.js';
import { createDraft, draftsOf } from '../../data/drafts.js';
import { enqueue } from '../../data/outbox.js';
import { deviceId, readReference } from '../../data/session-store.js';
import { sessionStore } from '../../sync/session.js';
import { afterEnqueue } from '../../sync/triggers.js';
import { declinedReviewItem } from './review-payload.js';

const REASONS = ['not_now', 'relative', 'recent', 'none'] as const;
type DeclineReason = (typeof REASONS)[number] | 'other';

/** A decline being filled in: the reason chosen and the text of "other". */
export interface DeclineForm {
  reason: DeclineReason;
  text: string;
}

/** The scope under which a decline form is kept while it is filled in (data/text-drafts.ts). */
export const declineScope = (recipientId: string) => `decline:${recipientId}`;

function parseDecline(stored: string): DeclineForm | null {
  if (!stored) return null;
  try {
    const form = JSON.parse(stored) as Partial<DeclineForm>;
    const reason = [...REASONS, 'other'].includes(form.reason as string) ? (form.reason as DeclineReason) : 'other';
    return { reason, text: typeof form.text === 'string' ? form.text : '' };
  } catch {
    return null;
  }
}

export function OfferScreen({ recipientId }: { recipientId: string }) {
  const { t } = useI18n();
  const session = useStore(sessionStore);
  const userId = session.status === 'active' ? session.session.user.id : '';
  // The decline form is kept on the phone while it is filled in: a closed page reopens it as it was.
  const declineDraft = usePersistentText(userId, declineScope(recipientId));
  const form = parseDecline(declineDraft.value);
  const declining = form !== null;
  const reason = form?.reason ?? 'not_now';
  const otherReason = form?.text ?? '';
  const setForm = (next: DeclineForm) => declineDraft.change(JSON.stringify(next));
  const data = useAsync(async () => {
    const [reference, drafts] = await Promise.all([readReference(userId), draftsOf(userId)]);
    return { reference, recipient: reference?.recipients.find((r) => r.id === recipientId), draft: drafts.find((d) => d.recipientId === recipientId) };
  }, [userId, recipientId]);

  if (data.status !== 'ready' || !declineDraft.ready) return <p>{t('common.loading')}</p>;
  const { reference, recipient, draft } = data.value;
  if (!recipient) return <p>{t('recipients.empty')}</p>;
  const templateVersionId = reference?.safetyTemplateVersionId;

  const start = async () => {
    if (!templateVersionId) return;
    const clientId = crypto.randomUUID();
    const now = new Date().toISOString();
    await createDraft({
      clientId,
      userId,
      recipientId,
      recipientReference: recipient.reference,
      templateVersionId,
      answers: {},
      sectionIndex: 0,
      consentToShare: false,
      actions: [],
      offeredAt: now,
      updatedAt: now,
    });
    navigate({ name: 'review', clientId });
  };

  const decline = async () => {
    if (!templateVersionId) return;
    const text = reason === 'other' ? otherReason.trim() : t(`decline.reason.${reason}`);
    if (!text) return;
    await enqueue(
      declinedReviewItem({
        clientId: crypto.randomUUID(),
        userId,
        recipientId,
        recipientReference: recipient.reference,
        templateVersionId,
        reason: text,
        deviceId: await deviceId(),
        offeredAt: new Date().toISOString(),
      }),
    );
    await declineDraft.clear();
    afterEnqueue();
    navigate({ name: 'recipients' });
  };

  return (
    <section>
      <h1 tabIndex={-1}>{recipient.reference}</h1>
      <p className="subtitle">{t('offer.title')}</p>
      {draft ? (
        <button type="button" className="button button-primary" onClick={() => navigate({ name: 'review', clientId: draft.clientId })}>
          {t('offer.continue')}
        </button>
      ) : !templateVersionId ? (
        <p>{t('offer.noTemplate')}</p>
      ) : !declining ? (
        <div className="stack">
          <p>{t('offer.question', { reference: recipient.reference })}</p>
          <button type="button" className="button button-primary" onClick={() => void start()}>
            {t('offer.accept')}
          </button>
          <button type="button" className="button" onClick={() => setForm({ reason: 'not_now', text: '' })}>
            {t('offer.decline')}
          </button>
        </div>
      ) : (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void decline();
          }}
        >
          <fieldset>
            <legend>{t('decline.reason')}</legend>
            {[...REASONS, 'other' as const].map((r) => (
              <label key={r} className="choice">
                <input type="radio" name="reason" value={r} checked={reason === r} onChange={() => setForm({ reason: r, text: otherReason })} />
                <span>{r === 'other' ? t('decline.other') : t(`decline.reason.${r}`)}</span>
              </label>
            ))}
          </fieldset>
          {reason === 'other' && (
            <>
              <label htmlFor="other-reason">{t('decline.other')}</label>
              <textarea
                id="other-reason"
                maxLength={500}
                value={otherReason}
                onChange={(e) => setForm({ reason, text: e.target.value })}
                onBlur={declineDraft.flush}
              />
            </>
          )}
          <button type="submit" className="button button-primary">
            {t('decline.save')}
          </button>
          <button type="button" className="button" onClick={() => void declineDraft.clear()}>
            {t('decline.cancel')}
          </button>
        </form>
      )}
    </section>
  );
}
