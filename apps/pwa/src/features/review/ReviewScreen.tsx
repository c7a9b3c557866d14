import { useEffect } from 'react';
import { allItems, visibleItems } from '@hjulet/domain';
import { navigate } from '../../app/router.js';
import { useI18n } from '../../i18n/i18n.js';
import { saveSectionIndex } from '../../data/drafts.js';
import { ItemField } from './ItemField.js';
import { questionGroupId, takeQuestionToFocus, visibleSections } from './sections.js';
import { useDraft } from './useDraft.js';

/** The question a refused result was opened at to be corrected (see AttentionScreen), from `#ratta-<item key>`. */
const correcting = (): string | null => /^#ratta-([a-z][a-z0-9_]*)$/.exec(location.hash)?.[1] ?? null;

/** The checklist, one section at a time; every tap is saved on the phone before it shows. */
export function ReviewScreen({ clientId }: { clientId: string }) {
  const { t, locale } = useI18n();
  const { state, answer, replace } = useDraft(clientId);
  const ready = state.status === 'ready' ? state : null;
  const sections = ready ? visibleSections(ready.template, ready.draft.answers) : [];
  const index = ready ? Math.min(ready.draft.sectionIndex, sections.length - 1) : 0;
  const section = sections[index];
  const items = ready && section ? visibleItems({ ...ready.template, sections: [section] }, ready.draft.answers) : [];
  const shownKeys = items.map((item) => item.key).join(' ');

  // Opened from the summary's link to a question: move to that question, for keyboard and screen-reader users too.
  useEffect(() => {
    const key = takeQuestionToFocus(shownKeys.split(' '));
    if (!key) return;
    requestAnimationFrame(() => {
      const group = document.getElementById(questionGroupId(key));
      group?.scrollIntoView({ block: 'center' });
      group?.focus({ preventScroll: true });
    });
  }, [shownKeys]);

  const isReady = ready !== null;
  // Opened to correct a refused result: to the question at fault, once the draft is there.
  useEffect(() => {
    const key = correcting();
    if (!isReady || !key) return;
    requestAnimationFrame(() => {
      const field = document.querySelector<HTMLElement>(`[data-item="${key}"] input, #item-${key}`);
      field?.scrollIntoView({ block: 'center' });
      field?.focus();
    });
  }, [isReady]);

  if (state.status === 'loading') return <p>{t('common.loading')}</p>;
  if (state.status === 'missing') {
    return (
      <section>
        <h1 tabIndex={-1}>{t('recipients.empty')}</h1>
        <button type="button" className="button" onClick={() => navigate({ name: 'recipients' })}>
          {t('review.back')}
        </button>
      </section>
    );
  }
  const { draft, template } = state;
  if (!section) return null;
  const last = index === sections.length - 1;
  const toCorrect = correcting();
  const question = toCorrect ? allItems(template).find((item) => item.key === toCorrect)?.text[locale] : undefined;

  const go = async (next: number) => {
    // Leaving the question opened for correction: its hint is done.
    if (toCorrect) history.replaceState(null, '', location.pathname);
    replace(await saveSectionIndex(clientId, next));
    window.scrollTo(0, 0);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
  };

  return (
    <section>
      <p className="subtitle review-context">
        {draft.recipientReference} · {template.title[locale]}
      </p>
      <div className="section-head">
        <h1 tabIndex={-1}>{section.title[locale]}</h1>
        <p className="progress-label" id="progress-label">
          {t('review.section', { index: index + 1, total: sections.length })}
        </p>
      </div>
      <progress max={sections.length} value={index + 1} aria-labelledby="progress-label" />
      {question && <p className="banner banner-warning">{t('review.correct', { question })}</p>}
      {items.map((item) => (
        <ItemField key={item.key} item={item} value={draft.answers[item.key]} onAnswer={(value) => void answer(item.key, value)} />
      ))}
      <div className="button-row">
        {index > 0 && (
          <button type="button" className="button" onClick={() => void go(index - 1)}>
            {t('review.previous')}
          </button>
        )}
        {last ? (
          <button type="button" className="button button-primary" onClick={() => navigate({ name: 'summary', clientId })}>
            {t('review.toSummary')}
          </button>
        ) : (
          <button type="button" className="button button-primary" onClick={() => void go(index + 1)}>
            {t('review.next')}
          </button>
        )}
      </div>
    </section>
  );
}
