import { useState } from 'react';
import type { AnswerValue, Locale, TemplateItem } from '@hjulet/domain';
import { allowedChoices, isRiskAnswer } from '@hjulet/domain';
import { useAutosave } from '../../app/autosave.js';
import { useI18n } from '../../i18n/i18n.js';

interface Props {
  item: TemplateItem;
  value: AnswerValue | undefined;
  onAnswer(value: AnswerValue | undefined): void;
}

const text = (t: { sv: string; en: string }, locale: Locale) => t[locale];

const typedAnswer = (item: TemplateItem, text: string): AnswerValue | undefined =>
  item.answerType === 'number' ? (text === '' ? undefined : Number(text)) : text.trim() || undefined;

/**
 * A typed answer (free text or a number): shown as typed, and saved while it is typed, within 500 ms of the
 * last key (useAutosave), and at once when the field is left.
 */
function TypedField({ item, value, onAnswer }: Props) {
  const name = `item-${item.key}`;
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const autosave = useAutosave((typed: string) => onAnswer(typedAnswer(item, typed)));
  const change = (typed: string) => {
    setText(typed);
    autosave.schedule(typed);
  };
  return item.answerType === 'free_text' ? (
    <textarea id={name} maxLength={item.maxLength ?? 2000} value={text} onChange={(e) => change(e.target.value)} onBlur={autosave.flush} />
  ) : (
    <input
      id={name}
      type="number"
      inputMode={item.integer ? 'numeric' : 'decimal'}
      step={item.integer ? 1 : 'any'}
      value={text}
      min={item.min}
      max={item.max}
      onChange={(e) => change(e.target.value)}
      onBlur={autosave.flush}
    />
  );
}

/** One checklist item: a question with big answer buttons (native radios), help text and a risk hint. */
export function ItemField({ item, value, onAnswer }: Props) {
  const { t, locale } = useI18n();
  const [helpOpen, setHelpOpen] = useState(false);
  const name = `item-${item.key}`;
  const isRisk = isRiskAnswer(item, value);

  const riskHint = isRisk && item.risk && (
    <p className="risk-hint">
      {t('review.risk')}: {t(`severity.${item.risk.severity}`)}
    </p>
  );

  if (item.answerType === 'free_text' || item.answerType === 'number') {
    return (
      <div className={`item${isRisk ? ' item-risk' : ''}`} id={`${name}-group`} tabIndex={-1}>
        <label htmlFor={name} className="item-question">
          {text(item.text, locale)}
        </label>
        {item.help && <p className="help">{text(item.help, locale)}</p>}
        <TypedField item={item} value={value} onAnswer={onAnswer} />
        {riskHint}
      </div>
    );
  }

  const choices = allowedChoices(item) ?? [];
  const labelOf = (choice: string) => {
    const option = item.options?.find((o) => o.value === choice);
    return option ? text(option.label, locale) : t(`review.answer.${choice}` as 'review.answer.yes');
  };
  return (
    <fieldset className={`item${isRisk ? ' item-risk' : ''}`} data-item={item.key} id={`${name}-group`} tabIndex={-1}>
      <legend className="item-question">{text(item.text, locale)}</legend>
      {item.help && (
        <div className="help">
          {/* A disclosure, named apart from the Hjälp tab: the arrow turns when it opens. */}
          <button type="button" className="disclosure" aria-expanded={helpOpen} aria-controls={`${name}-help`} onClick={() => setHelpOpen(!helpOpen)}>
            <span className="chevron" aria-hidden="true" />
            {t('review.moreAbout')}
          </button>
          <p id={`${name}-help`} hidden={!helpOpen}>
            {text(item.help, locale)}
          </p>
        </div>
      )}
      <div className="answers">
        {choices.map((choice) => (
          <label key={choice} className={`answer${value === choice ? ' answer-selected' : ''}`}>
            <input type="radio" name={name} value={choice} checked={value === choice} onChange={() => onAnswer(choice)} />
            <span>{labelOf(choice)}</span>
          </label>
        ))}
      </div>
      {riskHint}
    </fieldset>
  );
}
