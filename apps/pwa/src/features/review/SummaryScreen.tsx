import { useState } from 'react';
import { ACTORS, deriveRisks, normalizeAnswers, type IdentifiedRisk, type SuggestedAction } from '@hjulet/domain';
import { navigate, pathOf } from '../../app/router.js';
import { useI18n } from '../../i18n/i18n.js';
import { moveDraftToOutbox, saveAgreement, saveCollapsedRisks, saveSectionIndex } from '../../data/drafts.js';
import type { AgreedAction } from '../../data/db.js';
import { deviceId } from '../../data/session-store.js';
import { afterEnqueue } from '../../sync/triggers.js';
import { completedReviewItem } from './review-payload.js';
import { focusQuestionOnOpen, missingQuestions, type MissingQuestion } from './sections.js';
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
  const missing = missingQuestions(template, answers);

  const agreement = (risk: IdentifiedRisk, suggestion: SuggestedAction) =>
    draft.actions.find((a) => a.itemKey === risk.itemKey && a.what === suggestion.text.sv);
  // Handled: an action chosen for the risk, agreed or declined by the client. Only those can be folded away.
  const actionsOf = (risk: IdentifiedRisk) => draft.actions.filter((a) => a.itemKey === risk.itemKey);
  const handled = risks.filter((risk) => actionsOf(risk).length > 0).map((risk) => risk.itemKey);
  const collapsed = new Set((draft.collapsedRisks ?? []).filter((key) => handled.includes(key)));
  const allHandledCollapsed = handled.length > 0 && handled.every((key) => collapsed.has(key));

  const saveActions = async (actions: AgreedAction[], consent = draft.consentToShare) => replace(await saveAgreement(clientId, consent, actions));
  const setCollapsed = async (keys: Set<string>) => replace(await saveCollapsedRisks(clientId, [...keys]));
  const toggleCollapsed = (itemKey: string) => {
    const next = new Set(collapsed);
    if (!next.delete(itemKey)) next.add(itemKey);
    void setCollapsed(next);
  };

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

  // A link to a question left unanswered: its section of the checklist opens with focus on it.
  const openQuestion = async (question: MissingQuestion) => {
    replace(await saveSectionIndex(clientId, question.sectionIndex));
    focusQuestionOnOpen(question.item.key);
    navigate({ name: 'review', clientId });
  };

  const complete = async () => {
    await moveDraftToOutbox(clientId, completedReviewItem(draft, template, await deviceId()));
    afterEnqueue();
    setDone(true);
  };

  const handledLine = (risk: IdentifiedRisk) => {
    const actions = actionsOf(risk);
    const declined = actions.filter((a) => a.declinedByClient).length;
    const agreed = actions.length - declined;
    return [
      t('summary.handled'),
      ...(agreed > 0 ? [t('summary.handledAgreed', { count: agreed })] : []),
      ...(declined > 0 ? [t('summary.handledDeclined', { count: declined })] : []),
    ].join(' · ');
  };

  return (
    <section>
      <p className="subtitle">{draft.recipientReference}</p>
      <h1 tabIndex={-1}>{t('summary.title')}</h1>
      <div className="summary-head">
        <p>{risks.length === 0 ? t('summary.noRisks') : t('summary.risks', { count: risks.length })}</p>
        {handled.length > 0 && (
          <button type="button" className="button button-small" onClick={() => void setCollapsed(allHandledCollapsed ? new Set() : new Set(handled))}>
            {allHandledCollapsed ? t('summary.expandHandled') : t('summary.collapseHandled', { count: handled.length })}
          </button>
        )}
      </div>
      <ul className="risks">
        {risks.map((risk) => {
          const item = template.sections.flatMap((s) => s.items).find((i) => i.key === risk.itemKey);
          const question = item?.text[locale] ?? risk.itemKey;
          const isHandled = handled.includes(risk.itemKey);
          const isCollapsed = collapsed.has(risk.itemKey);
          const bodyId = `risk-${risk.itemKey}-body`;
          return (
            <li key={risk.itemKey} className={`risk risk-${risk.severity}${isCollapsed ? ' risk-collapsed' : ''}`} data-risk={risk.itemKey}>
              <h2>
                {isHandled ? (
                  <button
                    type="button"
                    className="disclosure risk-toggle"
                    aria-expanded={!isCollapsed}
                    aria-controls={bodyId}
                    onClick={() => toggleCollapsed(risk.itemKey)}
                  >
                    <span className="chevron" aria-hidden="true" />
                    <span>{question}</span>
                  </button>
                ) : (
                  question
                )}
              </h2>
              <p className="risk-meta">
                {t('review.risk')}: {t(`severity.${risk.severity}`)} · {template.riskCategories.find((c) => c.key === risk.category)?.label[locale]}
              </p>
              {isHandled && <p className="risk-handled">{handledLine(risk)}</p>}
              <div id={bodyId} hidden={isCollapsed}>
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
                          {/* Radio buttons, not a select: every choice shows its whole text on a small screen. */}
                          <fieldset className="actor-choice">
                            <legend>{t('summary.actor')}</legend>
                            {ACTORS.map((actor) => (
                              <label key={actor} className="choice">
                                <input
                                  type="radio"
                                  name={`${id}-actor`}
                                  value={actor}
                                  checked={agreed.actor === actor}
                                  onChange={() => change(agreed, { actor })}
                                />
                                <span>{t(`actor.${actor}`)}</span>
                              </label>
                            ))}
                          </fieldset>
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
              </div>
            </li>
          );
        })}
      </ul>
      <label className="check consent">
        <input type="checkbox" checked={draft.consentToShare} onChange={(e) => void saveActions(draft.actions, e.target.checked)} />
        <span>{t('summary.consent')}</span>
      </label>
      {missing.length > 0 && (
        <section className="warning missing" aria-labelledby="missing-title">
          <h2 id="missing-title">{t('summary.missing', { count: missing.length })}</h2>
          <p>{t('summary.missingExplain')}</p>
          <ul>
            {missing.map((question) => (
              <li key={question.item.key}>
                <a
                  href={pathOf({ name: 'review', clientId })}
                  onClick={(e) => {
                    e.preventDefault();
                    void openQuestion(question);
                  }}
                >
                  {question.item.text[locale]}
                </a>{' '}
                <span className="missing-section">({question.section.title[locale]})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="button-row">
        <button type="button" className="button" onClick={() => navigate({ name: 'review', clientId })}>
          {t('summary.edit')}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={missing.length > 0}
          aria-describedby={missing.length > 0 ? 'missing-title' : undefined}
          onClick={() => void complete()}
        >
          {t('summary.complete')}
        </button>
      </div>
    </section>
  );
}
