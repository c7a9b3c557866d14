import { useState } from 'react';
import { useAsync, useStore } from '../../app/hooks.js';
import { usePersistentText } from '../../app/autosave.js';
import { navigate } from '../../app/router.js';
import { useI18n } from '../../i18n/i18n.js';
import { formatDay } from '../../i18n/dates.js';
import { createDraft, draftsOf } from '../../data/drafts.js';
import { enqueue } from '../../data/outbox.js';
import { deviceId, readReference } from '../../data/session-store.js';
import { reviewsOnPhone } from '../../data/synced.js';
import { sessionStore } from '../../sync/session.js';
import { afterEnqueue } from '../../sync/triggers.js';
import { existingReviews, periodOfReference } from '../recipients/recipient-state.js';
import { declinedReviewItem } from './review-payload.js';

const REASONS = ['not_now', 'relative', 'recent', 'none'] as const;
const REPEAT_REASONS = ['moved', 'incident', 'changed'] as const;

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
  const { t, locale } = useI18n();
  const session = useStore(sessionStore);
  const userId = session.status === 'active' ? session.session.user.id : '';
  // The decline form is kept on the phone while it is filled in: a closed page reopens it as it was.
  const declineDraft = usePersistentText(userId, declineScope(recipientId));
  const form = parseDecline(declineDraft.value);
  const declining = form !== null;
  const reason = form?.reason ?? 'not_now';
  const otherReason = form?.text ?? '';
  const setForm = (next: DeclineForm) => declineDraft.change(JSON.stringify(next));
  // Another review in a period that has one: asked for, then the reason given, then offered as usual.
  const [repeating, setRepeating] = useState(false);
  const [repeatChoice, setRepeatChoice] = useState<(typeof REPEAT_REASONS)[number] | 'other'>('moved');
  const [otherRepeatReason, setOtherRepeatReason] = useState('');
  const [repeatReasonMissing, setRepeatReasonMissing] = useState(false);
  const [repeatReason, setRepeatReason] = useState<string | null>(null);
  const data = useAsync(async () => {
    const [reference, drafts, reviews] = await Promise.all([readReference(userId), draftsOf(userId), reviewsOnPhone(userId)]);
    const recipient = reference?.recipients.find((r) => r.id === recipientId);
    return {
      reference,
      recipient,
      draft: drafts.find((d) => d.recipientId === recipientId),
      existing: recipient && reference ? existingReviews(recipient, reviews, reference) : [],
    };
  }, [userId, recipientId]);

  if (data.status !== 'ready' || !declineDraft.ready) return <p>{t('common.loading')}</p>;
  const { reference, recipient, draft, existing } = data.value;
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
      ...(repeatReason ? { repeatReason } : {}),
    });
    navigate({ name: 'review', clientId });
  };

  const chooseRepeatReason = () => {
    const text = repeatChoice === 'other' ? otherRepeatReason.trim() : t(`repeat.reason.${repeatChoice}`);
    if (!text) {
      setRepeatReasonMissing(true);
      return;
    }
    setRepeatReason(text);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
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
        ...(repeatReason ? { repeatReason } : {}),
      }),
    );
    await declineDraft.clear();
    afterEnqueue();
    navigate({ name: 'recipients' });
  };

  const existingPanel = reference && existing.length > 0 && (
    <div className="card existing" data-testid="existing-review">
      <h2>{t('offer.existing.title')}</h2>
      <p>{t('offer.existing.intro', { reference: recipient.reference, period: periodOfReference(reference) })}</p>
      <ul className="existing-list">
        {existing.map((review, i) => (
          <li key={i}>
            <span className={`status status-${review.state}`}>{t(`status.${review.state}`)}</span>{' '}
            {review.performedAt && <span>{formatDay(review.performedAt, locale)}</span>}
            {review.byOtherUser && <span className="existing-other">, {t('offer.existing.otherUser')}</span>}
          </li>
        ))}
      </ul>
      <p>{t('offer.existing.explain')}</p>
    </div>
  );

  const repeatForm = (
    <form
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        chooseRepeatReason();
      }}
    >
      <fieldset>
        <legend>{t('repeat.reason')}</legend>
        {[...REPEAT_REASONS, 'other' as const].map((r) => (
          <label key={r} className="choice">
            <input
              type="radio"
              name="repeat-reason"
              value={r}
              checked={repeatChoice === r}
              onChange={() => {
                setRepeatChoice(r);
                setRepeatReasonMissing(false);
              }}
            />
            <span>{r === 'other' ? t('repeat.other') : t(`repeat.reason.${r}`)}</span>
          </label>
        ))}
      </fieldset>
      {repeatChoice === 'other' && (
        <>
          <label htmlFor="other-repeat-reason">{t('repeat.other')}</label>
          <textarea
            id="other-repeat-reason"
            maxLength={500}
            value={otherRepeatReason}
            aria-invalid={repeatReasonMissing || undefined}
            aria-describedby={repeatReasonMissing ? 'repeat-reason-missing' : undefined}
            onChange={(e) => {
              setOtherRepeatReason(e.target.value);
              setRepeatReasonMissing(false);
            }}
          />
          {repeatReasonMissing && (
            <p id="repeat-reason-missing" className="error" role="alert">
              {t('repeat.otherMissing')}
            </p>
          )}
        </>
      )}
      <button type="submit" className="button button-primary">
        {t('repeat.start')}
      </button>
      <button type="button" className="button" onClick={() => setRepeating(false)}>
        {t('repeat.cancel')}
      </button>
    </form>
  );

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
      ) : existingPanel && repeatReason === null ? (
        <div className="stack">
          {existingPanel}
          {repeating ? (
            repeatForm
          ) : (
            <>
              <button type="button" className="button button-primary" onClick={() => navigate({ name: 'recipients' })}>
                {t('review.back')}
              </button>
              <button type="button" className="button" onClick={() => setRepeating(true)}>
                {t('offer.repeat')}
              </button>
            </>
          )}
        </div>
      ) : !declining ? (
        <div className="stack">
          {repeatReason && <p className="note">{t('repeat.chosen', { reason: repeatReason })}</p>}
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
