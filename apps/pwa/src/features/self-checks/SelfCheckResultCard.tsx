import { useState, type FormEvent } from 'react';
import { messageOf, planRequest } from '../plan/plan-api.js';
import { useSelfCheckText } from './self-check-messages.js';

export interface SelfCheckResult {
  id: string;
  unitName: string;
  completedAt: string;
  performedByName: string;
  findings: Array<{
    id: string;
    text: { sv: string; en: string };
    severity: string;
    actions: Array<{ id: string; what: string; ownerName: string; dueOn: string; status: string }>;
  }>;
}

export const RESULT_FIELDS = `id unitName completedAt performedByName findings { id text { sv en } severity actions { id what ownerName dueOn status } }`;
const ACTION = `mutation($f: UUID!, $input: SelfCheckActionInput!) { addSelfCheckAction(findingId: $f, input: $input) { ${RESULT_FIELDS} } }`;
const COMPLETE = `mutation($id: UUID!) { completeSelfCheckAction(id: $id) { ${RESULT_FIELDS} } }`;

/** A completed self-check, its findings and their actions; supervisors add actions and mark them done. */
export function SelfCheckResultCard({ initial, templateTitle, manages }: { initial: SelfCheckResult; templateTitle: string; manages: boolean }) {
  const { t, locale } = useSelfCheckText();
  const [result, setResult] = useState(initial);
  const [what, setWhat] = useState<Record<string, string>>({});
  const [due, setDue] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const save = async (run: () => Promise<SelfCheckResult>) => {
    try {
      setResult(await run());
      setMessage({ ok: true, text: t('selfChecks.saved') });
    } catch (error) {
      setMessage({ ok: false, text: t('selfChecks.failed', { message: messageOf(error) }) });
    }
  };
  const addAction = (findingId: string) => (e: FormEvent) => {
    e.preventDefault();
    void save(async () => {
      const input = { what: what[findingId] ?? '', dueOn: due[findingId] ?? '' };
      const done = (await planRequest<{ addSelfCheckAction: SelfCheckResult }>(ACTION, { f: findingId, input })).addSelfCheckAction;
      setWhat({ ...what, [findingId]: '' });
      return done;
    });
  };
  const date = new Date(result.completedAt).toLocaleDateString(locale === 'sv' ? 'sv-SE' : 'en-GB');
  return (
    <li className="card" data-self-check-result={result.id}>
      <h3>{t('selfChecks.result', { template: templateTitle, date, who: result.performedByName })}</h3>
      <p className="list-meta">{result.unitName}</p>
      {result.findings.length === 0 && <p>{t('selfChecks.noFindings')}</p>}
      {result.findings.length > 0 && <h4>{t('selfChecks.findings')}</h4>}
      <ul>
        {result.findings.map((f) => (
          <li key={f.id} data-finding={f.id}>
            <p>{f.text[locale]}</p>
            <ul>
              {f.actions.map((a) => (
                <li key={a.id}>
                  {t('selfChecks.actionLine', { what: a.what, owner: a.ownerName, date: a.dueOn })}
                  {a.status === 'done' ? ` · ${t('selfChecks.actionDone')}` : ''}
                  {a.status === 'open' && manages && (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() =>
                          void save(
                            async () => (await planRequest<{ completeSelfCheckAction: SelfCheckResult }>(COMPLETE, { id: a.id })).completeSelfCheckAction,
                          )
                        }
                      >
                        {t('selfChecks.markDone')}
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
            {manages && (
              <form onSubmit={addAction(f.id)}>
                <label htmlFor={`action-what-${f.id}`}>{t('selfChecks.actionWhat')}</label>
                <input id={`action-what-${f.id}`} value={what[f.id] ?? ''} onChange={(e) => setWhat({ ...what, [f.id]: e.target.value })} />
                <label htmlFor={`action-due-${f.id}`}>{t('selfChecks.actionDue')}</label>
                <input id={`action-due-${f.id}`} type="date" value={due[f.id] ?? ''} onChange={(e) => setDue({ ...due, [f.id]: e.target.value })} />
                <button type="submit" className="button button-small">
                  {t('selfChecks.addAction')}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? undefined : 'error'}>
          {message.text}
        </p>
      )}
    </li>
  );
}
