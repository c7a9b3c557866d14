import { useState, type FormEvent } from 'react';
import { normalizeAnswers, visibleItems, type AnswerValue, type Answers, type TemplateDefinition } from '@hjulet/domain';
import { useAsync } from '../../app/hooks.js';
import { messageOf, planRequest } from '../plan/plan-api.js';
import { ItemField } from '../review/ItemField.js';
import { useSelfCheckText } from './self-check-messages.js';

const TEMPLATE = `query($id: UUID!) { templateVersion(id: $id) { definition } }`;
const RECORD = `mutation($input: SelfCheckResultInput!) { recordSelfCheck(input: $input) { id } }`;

/**
 * Performing a self-check online: the plan's checklist, rendered from its definition with the review's
 * answer fields (templates are data), sent once with an id made here, so a double click stores it once.
 */
export function SelfCheckForm({ planId, templateVersionId, onDone }: { planId: string; templateVersionId: string; onDone(recorded: boolean): void }) {
  const { t } = useSelfCheckText();
  const template = useAsync(
    async () => (await planRequest<{ templateVersion: { definition: TemplateDefinition } }>(TEMPLATE, { id: templateVersionId })).templateVersion.definition,
    [templateVersionId],
  );
  const [answers, setAnswers] = useState<Answers>({});
  const [clientId] = useState(() => crypto.randomUUID());
  const [problem, setProblem] = useState<string | null>(null);

  if (template.status !== 'ready') return template.status === 'error' ? <p className="error">{messageOf(template.error)}</p> : null;
  const definition = template.value;
  const answer = (key: string, value: AnswerValue | undefined) => {
    const next = { ...answers };
    if (value === undefined) delete next[key];
    else next[key] = value;
    // A changed answer can hide questions: their answers go, as on the phone's review.
    setAnswers(normalizeAnswers(definition, next));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void planRequest(RECORD, { input: { clientId, planId, answers, completedAt: new Date().toISOString() } }).then(
      () => onDone(true),
      (error: unknown) => setProblem(t('selfChecks.problems', { message: messageOf(error) })),
    );
  };
  return (
    <form onSubmit={submit} className="self-check-form" aria-label={t('selfChecks.perform')}>
      {visibleItems(definition, answers).map((item) => (
        <ItemField key={item.key} item={item} value={answers[item.key]} onAnswer={(value) => answer(item.key, value)} />
      ))}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button">
          {t('selfChecks.save')}
        </button>
        <button type="button" className="button button-small" onClick={() => onDone(false)}>
          {t('selfChecks.cancel')}
        </button>
      </div>
    </form>
  );
}
