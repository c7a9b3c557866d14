import { useState, type FormEvent } from 'react';
import { useAsync, useStore } from '../../app/hooks.js';
import { download } from '../../app/download.js';
import { readReference } from '../../data/session-store.js';
import { sessionStore } from '../../sync/session.js';
import { messageOf, planRequest } from '../plan/plan-api.js';
import { usePrivacyText } from './privacy-messages.js';

interface Flag {
  id: string;
  day: string;
  actorName: string;
  kind: 'OUTSIDE_UNIT' | 'ODD_HOURS' | 'BULK';
  reads: number;
  recipients: number;
  firstAt: string;
  lastAt: string;
  reviewedAt: string | null;
  reviewNote: string | null;
}

const FLAGS = `query($u: Boolean) { accessReviewFlags(unreviewedOnly: $u) { id day actorName kind reads recipients firstAt lastAt reviewedAt reviewNote } }`;

/** Data protection (docs/data-protection.md): the daily log review for admins and coordinators; the loggutdrag and erasure for admins. */
export function PrivacyScreen() {
  const { t } = usePrivacyText();
  const session = useStore(sessionStore);
  const isAdmin = session.status === 'active' && session.session.user.role === 'admin';
  return (
    <section>
      <h1 tabIndex={-1}>{t('privacy.title')}</h1>
      <p className="subtitle">{t('privacy.intro')}</p>
      <LogReview />
      {isAdmin && <RecipientTools userId={session.session.user.id} />}
    </section>
  );
}

function LogReview() {
  const { t, locale } = usePrivacyText();
  const [unreviewedOnly, setUnreviewedOnly] = useState(true);
  const [version, setVersion] = useState(0);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const flags = useAsync(() => planRequest<{ accessReviewFlags: Flag[] }>(FLAGS, { u: unreviewedOnly }), [unreviewedOnly, version]);
  const time = (iso: string) => new Date(iso).toLocaleTimeString(locale === 'sv' ? 'sv-SE' : 'en-GB', { hour: '2-digit', minute: '2-digit' });

  const mark = async (id: string) => {
    try {
      await planRequest(`mutation($id: UUID!, $n: String) { markAccessReviewFlagReviewed(id: $id, note: $n) { id } }`, { id, n: notes[id] || null });
      setError(null);
      setVersion((v) => v + 1);
    } catch (e) {
      setError(t('privacy.error', { message: messageOf(e) }));
    }
  };

  return (
    <>
      <h2>{t('privacy.review.title')}</h2>
      <p>{t('privacy.review.intro')}</p>
      <label className="check">
        <input type="checkbox" checked={unreviewedOnly} onChange={(e) => setUnreviewedOnly(e.target.checked)} /> {t('privacy.review.unreviewedOnly')}
      </label>
      {error && <p className="error">{error}</p>}
      {flags.status === 'error' && <p className="error">{t('privacy.error', { message: messageOf(flags.error) })}</p>}
      {flags.status === 'ready' && flags.value.accessReviewFlags.length === 0 && <p>{t('privacy.review.empty')}</p>}
      {flags.status === 'ready' && flags.value.accessReviewFlags.length > 0 && (
        <table className="comparison">
          <thead>
            <tr>
              <th scope="col">{t('privacy.review.day')}</th>
              <th scope="col">{t('privacy.review.who')}</th>
              <th scope="col">{t('privacy.review.kind')}</th>
              <th scope="col">{t('privacy.review.reads')}</th>
              <th scope="col">{t('privacy.review.when')}</th>
              <th scope="col">{t('privacy.review.status')}</th>
            </tr>
          </thead>
          <tbody>
            {flags.value.accessReviewFlags.map((f) => (
              <tr key={f.id}>
                <td>{f.day}</td>
                <td>{f.actorName}</td>
                <td>{t(`privacy.review.kind.${f.kind}`)}</td>
                <td>
                  {f.reads} ({f.recipients})
                </td>
                <td>
                  {time(f.firstAt)}–{time(f.lastAt)}
                </td>
                <td>
                  {f.reviewedAt ? (
                    (f.reviewNote ?? '✓')
                  ) : (
                    <>
                      <input
                        aria-label={t('privacy.review.note')}
                        maxLength={1000}
                        value={notes[f.id] ?? ''}
                        onChange={(e) => setNotes({ ...notes, [f.id]: e.target.value })}
                      />
                      <button type="button" className="button button-small" onClick={() => void mark(f.id)}>
                        {t('privacy.review.mark')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function RecipientTools({ userId }: { userId: string }) {
  const { t } = usePrivacyText();
  const reference = useAsync(() => readReference(userId), [userId]);
  const recipients = reference.status === 'ready' ? (reference.value?.recipients ?? []) : [];
  const [recipientId, setRecipientId] = useState('');
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const extract = async () => {
    try {
      const res = await planRequest<{ careRecipientLogExtract: { fileName: string; contentType: string; contentBase64: string } }>(
        `query($id: UUID!) { careRecipientLogExtract(careRecipientId: $id) { fileName contentType contentBase64 } }`,
        { id: recipientId },
      );
      const file = res.careRecipientLogExtract;
      download(
        file.fileName,
        Uint8Array.from(atob(file.contentBase64), (c) => c.charCodeAt(0)),
        file.contentType,
      );
    } catch (e) {
      setResult({ ok: false, text: t('privacy.error', { message: messageOf(e) }) });
    }
  };

  const erase = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const res = await planRequest<{ eraseCareRecipient: { reviews: number; freeTextAnswers: number; deviations: number; lexSarahReportsKept: number } }>(
        `mutation($id: UUID!, $r: String!) { eraseCareRecipient(careRecipientId: $id, reason: $r) { reviews freeTextAnswers deviations lexSarahReportsKept } }`,
        { id: recipientId, r: reason },
      );
      const erased = res.eraseCareRecipient;
      const done = t('privacy.erase.done', { reviews: erased.reviews, freeText: erased.freeTextAnswers, deviations: erased.deviations });
      // The person must be told what was kept and why (docs/data-protection.md § Erasure on request).
      const kept = erased.lexSarahReportsKept > 0 ? ` ${t('privacy.erase.lexSarahKept', { count: erased.lexSarahReportsKept })}` : '';
      setResult({ ok: true, text: done + kept });
      setReason('');
      setConfirmed(false);
    } catch (error) {
      setResult({ ok: false, text: t('privacy.error', { message: messageOf(error) }) });
    }
  };

  return (
    <>
      <h2>{t('privacy.extract.title')}</h2>
      <p>{t('privacy.extract.intro')}</p>
      <label>
        {t('privacy.recipient')}
        <select value={recipientId} onChange={(e) => setRecipientId(e.target.value)}>
          <option value="">{t('privacy.choose')}</option>
          {recipients.map((r) => (
            <option key={r.id} value={r.id}>
              {r.reference}
            </option>
          ))}
        </select>
      </label>
      <div className="button-row">
        <button type="button" className="button" disabled={!recipientId} onClick={() => void extract()}>
          {t('privacy.extract.download')}
        </button>
      </div>
      <h2>{t('privacy.erase.title')}</h2>
      <p>{t('privacy.erase.intro')}</p>
      <form onSubmit={(e) => void erase(e)}>
        <label>
          {t('privacy.erase.reason')}
          <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> {t('privacy.erase.confirm')}
        </label>
        <button type="submit" className="button button-primary" disabled={!recipientId || !reason.trim() || !confirmed}>
          {t('privacy.erase.submit')}
        </button>
      </form>
      {result && (
        <p className={result.ok ? 'note' : 'error'} role="status">
          {result.text}
        </p>
      )}
    </>
  );
}
