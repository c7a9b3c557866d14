import { useState } from 'react';
import { ACTORS, deriveRisks, normalizeAnswers, validateAnswers, type IdentifiedRisk, type SuggestedAction } from '@hjulet/domain';
import { navigate } from '../../app/router.js';
import { useI18n } from '../../i18n/i18n.js';
import { moveDraftToOutbox, saveAgreement } from '../../data/drafts.js';
import type { AgreedAction } from '../../data/db.js';
import { deviceId } from '../../data/session-store.js';
import { afterEnqueue } from '../../sync/triggers.js';
import { completedReviewItem } from './review-payload.js';
import { useDraft } from './useDraft.js';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Risks found, with suggested actions to agree with the client, consent, and completion. */
export function SummaryScreen({ clientId }: { clientId: string }) {
  const { t, locale } = useI18n();
  const { state, replace } = useDraft(clientId);
  const [done, setDone] = useState(false);

  if (done) {
    return (
      <section>
        <h1 tabIndex={-1}>{t('summary.title')}</h1>
        <p role="status">{t('summary.done')}</p>
        <button type="button" className="button button-primary" onClick={() => navigate({ name: 'recipients' })}>
          {t('review.back')}
        </button>
      </section>
    );
  }
  if (state.status !== 'ready') return <p>{t('common.loading')}</p>;
  const { draft, template } = state;
  const answers = normalizeAnswers(template, draft.answers);
  const risks = deriveRisks(template, answers);
  const missing = validateAnswers(template, answers, 'complete').length;

  const agreement = (risk: IdentifiedRisk, suggestion: SuggestedAction) =>
    draft.actions.find((a) => a.itemKey === risk.itemKey && a.what === suggestion.text.sv);

  const saveActions = async (actions: AgreedAction[], consent = draft.consentToShare) => replace(await saveAgreement(clientId, consent, actions));

  const toggle = (risk: IdentifiedRisk, suggestion: SuggestedAction, agreed: boolean) => {
    const others = draft.actions.filter((a) => !(a.itemKey === risk.itemKey && a.what === suggestion.text.sv));
    void saveActions(
      agreed
        ? [
            ...others,
            {
              clientId: crypto.randomUUID(),
              itemKey: risk.itemKey,
              what: suggestion.text.sv,
              actor: suggestion.actor,
              dueDate: inDays(30),
              declinedByClient: false,
            },
          ]
        : others,
    );
  };
  const change = (action: AgreedAction, patch: Partial<AgreedAction>) =>
    void saveActions(draft.actions.map((a) => (a.clientId === action.clientId ? { ...a, ...patch } : a)));

  const complete = async () => {
    await moveDraftToOutbox(clientId, completedReviewItem(draft, template, await deviceId()));
    afterEnqueue();
    setDone(true);
  };

  return (
    <section>
      <p className="subtitle">{draft.recipientReference}</p>
      <h1 tabIndex={-1}>{t('summary.title')}</h1>
      <p>{risks.length === 0 ? t('summary.noRisks') : t('summary.risks', { count: risks.length })}</p>
      <ul className="risks">
        {risks.map((risk) => {
          const item = template.sections.flatMap((s) => s.items).find((i) => i.key === risk.itemKey);
          return (
            <li key={risk.itemKey} className={`risk risk-${risk.severity}`}>
              <h2>{item?.text[locale] ?? risk.itemKey}</h2>
              <p className="risk-meta">
                {t('review.risk')}: {t(`severity.${risk.severity}`)} · {template.riskCategories.find((c) => c.key === risk.category)?.label[locale]}
              </p>
              {risk.suggestedActions.map((suggestion) => {
                const agreed = agreement(risk, suggestion);
                const id = `${risk.itemKey}-${suggestion.key}`;
                return (
                  <div key={suggestion.key} className="suggestion">
                    <label className="check">
                      <input type="checkbox" checked={agreed !== undefined} onChange={(e) => toggle(risk, suggestion, e.target.checked)} />
                      <span>{suggestion.text[locale]}</span>
                    </label>
                    {agreed && (
                      <div className="agreed">
                        <label htmlFor={`${id}-actor`}>{t('summary.agree')}</label>
                        <select id={`${id}-actor`} value={agreed.actor} onChange={(e) => change(agreed, { actor: e.target.value })}>
                          {ACTORS.map((actor) => (
                            <option key={actor} value={actor}>
                              {t(`actor.${actor}`)}
                            </option>
                          ))}
                        </select>
                        <label htmlFor={`${id}-due`}>{t('summary.due')}</label>
                        <input
                          id={`${id}-due`}
                          type="date"
                          value={agreed.dueDate ?? ''}
                          onChange={(e) => change(agreed, { dueDate: e.target.value || null })}
                        />
                        <label className="check">
                          <input type="checkbox" checked={agreed.declinedByClient} onChange={(e) => change(agreed, { declinedByClient: e.target.checked })} />
                          <span>{t('summary.declinedByClient')}</span>
                        </label>
                      </div>
                    )}
                  </div>
                );
              })}
            </li>
          );
        })}
      </ul>
      <label className="check consent">
        <input type="checkbox" checked={draft.consentToShare} onChange={(e) => void saveActions(draft.actions, e.target.checked)} />
        <span>{t('summary.consent')}</span>
      </label>
      {missing > 0 && (
        <p className="warning" role="alert">
          {t('summary.missing', { count: missing })}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="button" onClick={() => navigate({ name: 'review', clientId })}>
          {t('summary.edit')}
        </button>
        <button type="button" className="button button-primary" disabled={missing > 0} onClick={() => void complete()}>
          {t('summary.complete')}
        </button>
      </div>
    </section>
  );
}
