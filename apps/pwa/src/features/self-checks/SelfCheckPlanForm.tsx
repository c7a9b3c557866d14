import { useState, type FormEvent } from 'react';
import { swedishDateOf } from '@hjulet/domain';
import { useAsync } from '../../app/hooks.js';
import { messageOf, planRequest } from '../plan/plan-api.js';
import { useSelfCheckText, type SelfCheckKey } from './self-check-messages.js';

interface Choices {
  templates: Array<{ id: string; title: { sv: string; en: string }; latestPublished: { id: string } | null }>;
  organisation: { units: Array<{ id: string; name: string }> };
  routineProcesses: Array<{ id: string; name: string }>;
}
const CHOICES = `{ templates { id title { sv en } latestPublished { id } } organisation { units { id name } } routineProcesses { id name } }`;
const CREATE = `mutation($input: SelfCheckPlanInput!) { createSelfCheckPlan(input: $input) { id } }`;
const FREQUENCIES = ['MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY'] as const;
const ROLES = ['STAFF', 'UNIT_MANAGER', 'QUALITY_COORDINATOR'] as const;

/**
 * A new self-check plan: which published checklist (any template: templates are data), of which unit and,
 * when the check is of one, which process; how often, from which day, by which role. The API checks the
 * scope (a unit manager plans for their unit); its refusal is shown as it comes.
 */
export function SelfCheckPlanForm({ onDone }: { onDone(created: boolean): void }) {
  const { t, locale } = useSelfCheckText();
  const choices = useAsync(() => planRequest<Choices>(CHOICES), []);
  const [templateVersionId, setTemplate] = useState('');
  const [unitId, setUnit] = useState('');
  const [processId, setProcess] = useState('');
  const [frequency, setFrequency] = useState<(typeof FREQUENCIES)[number]>('QUARTERLY');
  const [performerRole, setRole] = useState<(typeof ROLES)[number]>('STAFF');
  const [firstDueOn, setFirstDue] = useState(() => swedishDateOf(new Date()));
  const [problem, setProblem] = useState<string | null>(null);

  if (choices.status !== 'ready') return choices.status === 'error' ? <p className="error">{messageOf(choices.error)}</p> : null;
  const { templates, organisation, routineProcesses } = choices.value;
  const published = templates.filter((x) => x.latestPublished);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = { templateVersionId, unitId, processId: processId || null, frequency, performerRole, firstDueOn };
    void planRequest(CREATE, { input }).then(
      () => onDone(true),
      (error: unknown) => setProblem(t('selfChecks.failed', { message: messageOf(error) })),
    );
  };
  return (
    <form onSubmit={submit} className="form" aria-label={t('selfChecks.newPlan')}>
      <label htmlFor="plan-template">{t('selfChecks.plan.template')}</label>
      <select id="plan-template" required value={templateVersionId} onChange={(e) => setTemplate(e.target.value)}>
        <option value="">{t('selfChecks.plan.choose')}</option>
        {published.map((x) => (
          <option key={x.id} value={x.latestPublished?.id}>
            {x.title[locale]}
          </option>
        ))}
      </select>
      <label htmlFor="plan-unit">{t('selfChecks.plan.unit')}</label>
      <select id="plan-unit" required value={unitId} onChange={(e) => setUnit(e.target.value)}>
        <option value="">{t('selfChecks.plan.choose')}</option>
        {organisation.units.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
      <label htmlFor="plan-process">{t('selfChecks.plan.process')}</label>
      <select id="plan-process" value={processId} onChange={(e) => setProcess(e.target.value)}>
        <option value="">{t('selfChecks.plan.noProcess')}</option>
        {routineProcesses.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <label htmlFor="plan-frequency">{t('selfChecks.plan.frequency')}</label>
      <select id="plan-frequency" value={frequency} onChange={(e) => setFrequency(e.target.value as (typeof FREQUENCIES)[number])}>
        {FREQUENCIES.map((f) => (
          <option key={f} value={f}>
            {t(`selfChecks.frequency.${f}` as SelfCheckKey)}
          </option>
        ))}
      </select>
      <label htmlFor="plan-first-due">{t('selfChecks.plan.firstDue')}</label>
      <input id="plan-first-due" type="date" required value={firstDueOn} onChange={(e) => setFirstDue(e.target.value)} />
      <label htmlFor="plan-role">{t('selfChecks.plan.performer')}</label>
      <select id="plan-role" value={performerRole} onChange={(e) => setRole(e.target.value as (typeof ROLES)[number])}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`selfChecks.role.${r}` as SelfCheckKey)}
          </option>
        ))}
      </select>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button-primary">
          {t('selfChecks.plan.create')}
        </button>
        <button type="button" className="button button-small" onClick={() => onDone(false)}>
          {t('selfChecks.cancel')}
        </button>
      </div>
    </form>
  );
}
