import { useState } from 'react';
import { useAsync, useStore } from '../../app/hooks.js';
import { navigate } from '../../app/router.js';
import { useI18n } from '../../i18n/i18n.js';
import { createDraft, draftsOf } from '../../data/drafts.js';
import { enqueue } from '../../data/outbox.js';
import { deviceId, readReference } from '../../data/session-store.js';
import { sessionStore } from '../../sync/session.js';
import { afterEnqueue } from '../../sync/triggers.js';
import { declinedReviewItem } from './review-payload.js';

const REASONS = ['not_now', 'relative', 'recent', 'none'] as const;

export function OfferScreen({ recipientId }: { recipientId: string }) {
  const { t } = useI18n();
  const session = useStore(sessionStore);
  const userId = session.status === 'active' ? session.session.user.id : '';
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState<(typeof REASONS)[number] | 'other'>('not_now');
  const [otherReason, setOtherReason] = useState('');
  const data = useAsync(async () => {
    const [reference, drafts] = await Promise.all([readReference(userId), draftsOf(userId)]);
    return { reference, recipient: reference?.recipients.find((r) => r.id === recipientId), draft: drafts.find((d) => d.recipientId === recipientId) };
  }, [userId, recipientId]);

  if (data.status !== 'ready') return <p>{t('common.loading')}</p>;
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
          <button type="button" className="button" onClick={() => setDeclining(true)}>
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
                <input type="radio" name="reason" value={r} checked={reason === r} onChange={() => setReason(r)} />
                <span>{r === 'other' ? t('decline.other') : t(`decline.reason.${r}`)}</span>
              </label>
            ))}
          </fieldset>
          {reason === 'other' && (
            <>
              <label htmlFor="other-reason">{t('decline.other')}</label>
              <textarea id="other-reason" maxLength={500} value={otherReason} onChange={(e) => setOtherReason(e.target.value)} />
            </>
          )}
          <button type="submit" className="button button-primary">
            {t('decline.save')}
          </button>
          <button type="button" className="button" onClick={() => setDeclining(false)}>
            {t('decline.cancel')}
          </button>
        </form>
      )}
    </section>
  );
}
