import type { ReactNode } from 'react';
import { FEEDBACK_LIMITS } from '@hjulet/domain';
import { FEEDBACK_KINDS, type FeedbackContent, type FeedbackUnit, type FieldProblem } from './feedback-api.js';
import { problemKey, useFeedbackText, type FeedbackKey } from './feedback-messages.js';

/** The id of a field's control, the one that gets the focus when the field has a problem. */
export const fieldId = (prefix: string, field: string) => `${prefix}-${field}`;
const problemId = (prefix: string, field: string) => `${prefix}-${field}-problem`;

/** Ids for aria-describedby: the field's hint and, when it has one, its problem. */
const describedBy = (...ids: Array<string | false | undefined>) => ids.filter(Boolean).join(' ') || undefined;

/**
 * What a piece of feedback holds, the same on the public form and on the staff's register form: kind, the
 * unit it concerns, the message, and the optional contact details. Each field's problem is shown beside it
 * and named by the field's aria-describedby, so a screen reader reads it on reaching the field.
 */
export function FeedbackFields({
  prefix,
  content,
  onChange,
  units,
  problems,
  contactWhy,
}: {
  prefix: string;
  content: FeedbackContent;
  onChange: (content: FeedbackContent) => void;
  /** null: the list could not be loaded. */
  units: FeedbackUnit[] | null;
  problems: FieldProblem[];
  contactWhy: FeedbackKey;
}) {
  const { t } = useFeedbackText();
  const problemOf = (field: string) => problems.find((p) => p.field === field);
  const set = (field: keyof FeedbackContent, value: string) => onChange({ ...content, [field]: value });
  const shown = (field: string): ReactNode => {
    const problem = problemOf(field);
    if (!problem) return null;
    return (
      <p id={problemId(prefix, field)} className="error">
        {t(problemKey(field, problem.code), { max: FEEDBACK_LIMITS.messageMax })}
      </p>
    );
  };
  const invalid = (field: string) => (problemOf(field) ? true : undefined);
  const problemRef = (field: string) => (problemOf(field) ? problemId(prefix, field) : undefined);
  const left = FEEDBACK_LIMITS.messageMax - [...content.message].length;

  return (
    <>
      <fieldset aria-describedby={problemRef('kind')}>
        <legend>{t('feedback.kind')}</legend>
        {shown('kind')}
        {FEEDBACK_KINDS.map((kind, index) => (
          <label key={kind} className="check">
            <input
              type="radio"
              id={index === 0 ? fieldId(prefix, 'kind') : undefined}
              name={`${prefix}-kind`}
              value={kind}
              checked={content.kind === kind}
              aria-invalid={invalid('kind')}
              onChange={() => onChange({ ...content, kind })}
            />{' '}
            {t(`feedback.kind.${kind}`)}
          </label>
        ))}
      </fieldset>

      <label htmlFor={fieldId(prefix, 'unitId')}>{t('feedback.unit')}</label>
      {shown('unitId')}
      <select
        id={fieldId(prefix, 'unitId')}
        value={content.unitId}
        aria-invalid={invalid('unitId')}
        aria-describedby={describedBy(problemRef('unitId'), units === null && `${prefix}-units-unavailable`)}
        onChange={(e) => set('unitId', e.target.value)}
      >
        <option value="">{t('feedback.unit.none')}</option>
        {(units ?? []).map((unit) => (
          <option key={unit.id} value={unit.id}>
            {unit.name}
          </option>
        ))}
      </select>
      {units === null && (
        <p id={`${prefix}-units-unavailable`} className="note">
          {t('feedback.unitsUnavailable')}
        </p>
      )}

      <label htmlFor={fieldId(prefix, 'message')}>{t('feedback.message')}</label>
      {shown('message')}
      <textarea
        id={fieldId(prefix, 'message')}
        rows={8}
        value={content.message}
        aria-required="true"
        aria-invalid={invalid('message')}
        aria-describedby={describedBy(problemRef('message'), `${prefix}-message-hint`)}
        onChange={(e) => set('message', e.target.value)}
      />
      <p id={`${prefix}-message-hint`} className="note">
        {t('feedback.messageHint', { max: FEEDBACK_LIMITS.messageMax, left })}
      </p>

      <fieldset aria-describedby={`${prefix}-contact-why`}>
        <legend>{t('feedback.contact')}</legend>
        <p id={`${prefix}-contact-why`} className="note">
          {t(contactWhy)}
        </p>
        {(['contactName', 'contactEmail', 'contactPhone'] as const).map((field) => (
          <div key={field}>
            <label htmlFor={fieldId(prefix, field)}>{t(`feedback.${field}`)}</label>
            {shown(field)}
            <input
              id={fieldId(prefix, field)}
              type={field === 'contactEmail' ? 'email' : field === 'contactPhone' ? 'tel' : 'text'}
              autoComplete={field === 'contactEmail' ? 'email' : field === 'contactPhone' ? 'tel' : 'name'}
              value={content[field]}
              aria-invalid={invalid(field)}
              aria-describedby={problemRef(field)}
              onChange={(e) => set(field, e.target.value)}
            />
          </div>
        ))}
      </fieldset>
    </>
  );
}
