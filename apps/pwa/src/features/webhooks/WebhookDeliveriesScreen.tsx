import { useState } from 'react';
import { useAsync } from '../../app/hooks.js';
import { messageOf, planRequest } from '../plan/plan-api.js';
import { RegisterEndpointForm } from './RegisterEndpointForm.js';
import { useWebhookText } from './webhook-messages.js';

type Status = 'PENDING' | 'DELIVERED' | 'FAILED' | 'DEAD';
type EventType = 'REFERRAL_CREATED' | 'STATISTICS_PERIOD_CLOSED';

interface Overview {
  partnerClients: Array<{ id: string; name: string; revokedAt: string | null }>;
  webhookEndpoints: Array<{ id: string; partnerName: string; url: string; events: EventType[]; removedAt: string | null }>;
  webhookDeliveries: Array<{
    id: string;
    partnerName: string;
    eventType: EventType;
    subject: string;
    status: Status;
    attempts: number;
    lastError: string | null;
    createdAt: string;
  }>;
}

const OVERVIEW = `query($status: WebhookDeliveryStatus) {
  partnerClients { id name revokedAt }
  webhookEndpoints { id partnerName url events removedAt }
  webhookDeliveries(status: $status, first: 100) { id partnerName eventType subject status attempts lastError createdAt }
}`;
const REDELIVER = `mutation($id: UUID!) { redeliverWebhook(id: $id) { id status } }`;
const STATUSES: Status[] = ['PENDING', 'DELIVERED', 'FAILED', 'DEAD'];

/** The admin's view of partner webhooks: endpoints, each delivery with its status and tries, and redelivery. */
export function WebhookDeliveriesScreen() {
  const { t, locale } = useWebhookText();
  const [status, setStatus] = useState<Status | 'ALL'>('ALL');
  const [version, setVersion] = useState(0);
  // The notice keeps what happened, not its text: a change of language re-words it.
  const [notice, setNotice] = useState<{ ok: true } | { ok: false; message: string } | null>(null);
  const overview = useAsync(() => planRequest<Overview>(OVERVIEW, status === 'ALL' ? {} : { status }), [status, version]);
  const time = (iso: string) => new Date(iso).toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB');

  const redeliver = async (id: string) => {
    try {
      await planRequest(REDELIVER, { id });
      setNotice({ ok: true });
      setVersion((n) => n + 1);
    } catch (error) {
      setNotice({ ok: false, message: messageOf(error) });
    }
  };

  return (
    <section>
      <h1 tabIndex={-1}>{t('webhooks.title')}</h1>
      <p>{t('webhooks.intro')}</p>
      {overview.status === 'error' && <p className="error">{t('webhooks.error', { message: messageOf(overview.error) })}</p>}
      {notice && (
        <p className={notice.ok ? undefined : 'error'} role={notice.ok ? 'status' : 'alert'}>
          {notice.ok ? t('webhooks.redelivered') : t('webhooks.error', { message: notice.message })}
        </p>
      )}
      <h2>{t('webhooks.endpoints')}</h2>
      {overview.status === 'ready' && overview.value.webhookEndpoints.length === 0 && <p>{t('webhooks.noEndpoints')}</p>}
      {overview.status === 'ready' && overview.value.webhookEndpoints.length > 0 && (
        <ul className="list">
          {overview.value.webhookEndpoints.map((e) => (
            <li key={e.id}>
              <strong>{e.partnerName}</strong> <code>{e.url}</code> ({e.events.map((ev) => t(`webhooks.event.${ev}`)).join(', ')})
              {e.removedAt && ` — ${t('webhooks.removed')}`}
            </li>
          ))}
        </ul>
      )}
      {overview.status === 'ready' && (
        <>
          <h2>{t('webhooks.register')}</h2>
          <RegisterEndpointForm partners={overview.value.partnerClients.filter((p) => !p.revokedAt)} onRegistered={() => setVersion((n) => n + 1)} />
        </>
      )}
      <h2>{t('webhooks.deliveries')}</h2>
      <div className="button-row">
        <label htmlFor="webhook-status">{t('webhooks.filter')}</label>
        <select id="webhook-status" value={status} onChange={(e) => setStatus(e.target.value as Status | 'ALL')}>
          <option value="ALL">{t('webhooks.filter.ALL')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`webhooks.status.${s}`)}
            </option>
          ))}
        </select>
        <button type="button" className="button button-small" onClick={() => setVersion((n) => n + 1)}>
          {t('webhooks.refresh')}
        </button>
      </div>
      {overview.status === 'ready' && overview.value.webhookDeliveries.length === 0 && <p>{t('webhooks.noDeliveries')}</p>}
      {overview.status === 'ready' && overview.value.webhookDeliveries.length > 0 && (
        <ul className="list">
          {overview.value.webhookDeliveries.map((d) => (
            <li key={d.id} className="card">
              <p>
                <strong>{t(`webhooks.event.${d.eventType}`)}</strong> {d.subject} → {d.partnerName}
              </p>
              <p>
                {t(`webhooks.status.${d.status}`)} · {t('webhooks.attempts', { attempts: d.attempts })} · {time(d.createdAt)}
              </p>
              {d.lastError && <p>{t('webhooks.lastError', { error: d.lastError })}</p>}
              {(d.status === 'DEAD' || d.status === 'DELIVERED') && (
                <button
                  type="button"
                  className="button button-small"
                  aria-label={t('webhooks.redeliverLabel', { subject: d.subject, partner: d.partnerName })}
                  onClick={() => void redeliver(d.id)}
                >
                  {t('webhooks.redeliver')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
