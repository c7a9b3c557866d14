import { useState, type FormEvent } from 'react';
import { GraphQLRequestError } from '../../sync/graphql-client.js';
import { messageOf, planRequest } from '../plan/plan-api.js';
import { useWebhookText } from './webhook-messages.js';

type EventType = 'REFERRAL_CREATED' | 'STATISTICS_PERIOD_CLOSED';
const EVENTS: EventType[] = ['REFERRAL_CREATED', 'STATISTICS_PERIOD_CLOSED'];

const REGISTER = `mutation($input: RegisterWebhookEndpointInput!) {
  registerWebhookEndpoint(input: $input) { secret endpoint { id url } }
}`;

export interface PartnerChoice {
  id: string;
  name: string;
}

/**
 * Registers a partner client's endpoint. The signing secret is answered this once: the form shows it until
 * the admin registers another, with a note to pass it on safely. A refusal of the URL is shown at the field.
 */
export function RegisterEndpointForm({ partners, onRegistered }: { partners: PartnerChoice[]; onRegistered: () => void }) {
  const { t } = useWebhookText();
  const [partnerClientId, setPartnerClientId] = useState('');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<EventType[]>(['REFERRAL_CREATED']);
  const [secret, setSecret] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ field: string | null; message: string } | null>(null);
  const partner = partnerClientId || partners[0]?.id || '';

  const register = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setSecret(null);
    try {
      const data = await planRequest<{ registerWebhookEndpoint: { secret: string } }>(REGISTER, {
        input: { partnerClientId: partner, url: url.trim(), events },
      });
      setSecret(data.registerWebhookEndpoint.secret);
      setUrl('');
      onRegistered();
    } catch (error) {
      const field = error instanceof GraphQLRequestError && error.failure.kind === 'refused' ? error.failure.field : null;
      setProblem({ field, message: messageOf(error) });
    }
  };
  const toggle = (event: EventType, on: boolean) => setEvents((current) => EVENTS.filter((ev) => (ev === event ? on : current.includes(ev))));

  if (partners.length === 0) return <p>{t('webhooks.register.noPartners')}</p>;
  const urlProblem = problem?.field === 'url';
  return (
    <>
      <form onSubmit={(e) => void register(e)}>
        <label>
          {t('webhooks.register.partner')}
          <select value={partner} onChange={(e) => setPartnerClientId(e.target.value)}>
            {partners.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('webhooks.register.url')}
          <input
            type="url"
            value={url}
            required
            maxLength={2000}
            aria-invalid={urlProblem || undefined}
            aria-describedby={urlProblem ? 'webhook-url-problem' : 'webhook-url-hint'}
            onChange={(e) => setUrl(e.target.value)}
          />
        </label>
        <p id="webhook-url-hint" className="note">
          {t('webhooks.register.urlHint')}
        </p>
        {urlProblem && (
          <p id="webhook-url-problem" className="error" role="alert">
            {t('webhooks.error', { message: problem.message })}
          </p>
        )}
        <fieldset>
          <legend>{t('webhooks.register.events')}</legend>
          {EVENTS.map((event) => (
            <label key={event} className="check">
              <input type="checkbox" checked={events.includes(event)} onChange={(e) => toggle(event, e.target.checked)} /> {t(`webhooks.event.${event}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button-primary" disabled={!url.trim() || events.length === 0}>
          {t('webhooks.register.submit')}
        </button>
      </form>
      {problem && !urlProblem && (
        <p className="error" role="alert">
          {t('webhooks.error', { message: problem.message })}
        </p>
      )}
      {secret && (
        <div role="status">
          <p>{t('webhooks.register.done')}</p>
          <p>
            {t('webhooks.register.secret')} <code>{secret}</code>
          </p>
        </div>
      )}
    </>
  );
}
