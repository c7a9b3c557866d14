import { useState, type FormEvent } from 'react';
import { useAsync, useOnline } from '../../app/hooks.js';
import { download } from '../../app/download.js';
import { messageOf, planRequest } from '../plan/plan-api.js';
import { useDeviationText, type DeviationKey } from './deviation-messages.js';

/*
 * "Avvikelser" (/kvalitet/avvikelser): the supervisors' list, with the investigation, its cause analysis,
 * actions and closing, and for a serious lex Sarah case the IVO notification to download. Online: it asks
 * the API directly, as the other supervisors' screens do. A lex Sarah report the user may not read shows
 * only that it exists: the API sends nothing more.
 */

const STATUSES = ['RECEIVED', 'INVESTIGATED', 'CLOSED'] as const;
const CAUSES = ['ENVIRONMENT', 'EQUIPMENT', 'HEALTH', 'BEHAVIOUR', 'INFORMATION', 'OTHER'] as const;
type Status = (typeof STATUSES)[number];
type Shown = Status | 'ALL' | 'OVERDUE';

interface Deviation {
  id: string;
  unitName: string;
  lexSarah: boolean;
  status: Status;
  dueOn: string | null;
  overdue: boolean;
  contentVisible: boolean;
  kind: string | null;
  occurredAt: string | null;
  description: string | null;
  immediateAction: string | null;
  recipientReference: string | null;
  findings: string | null;
  causes: string[] | null;
  causeDescription: string | null;
  serious: boolean | null;
  actions: Array<{ id: string; what: string; ownerName: string; dueOn: string; status: string }> | null;
  ivoNotification: { title: string; sections: Array<{ heading: string; body: string }> } | null;
}

const FIELDS = `id unitName lexSarah status dueOn overdue contentVisible kind occurredAt description immediateAction recipientReference
  findings causes causeDescription serious actions { id what ownerName dueOn status } ivoNotification { title sections { heading body } }`;
const LIST = `query($f: DeviationFilter) { deviations(filter: $f) { ${FIELDS} } }`;
const INVESTIGATE = `mutation($id: UUID!, $input: DeviationInvestigationInput!) { investigateDeviation(id: $id, input: $input) { ${FIELDS} } }`;
const ACTION = `mutation($id: UUID!, $input: DeviationActionInput!) { addDeviationAction(id: $id, input: $input) { ${FIELDS} } }`;
const CLOSE = `mutation($id: UUID!) { closeDeviation(id: $id) { ${FIELDS} } }`;
const COMPLETE = `mutation($id: UUID!) { completeDeviationAction(id: $id) { ${FIELDS} } }`;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The IVO notification as a small HTML document of its own, to print or attach. */
function ivoDocument(ivo: NonNullable<Deviation['ivoNotification']>): string {
  const sections = ivo.sections.map((s) => `<h2>${escape(s.heading)}</h2><p>${escape(s.body).replace(/\n/g, '<br>')}</p>`).join('\n');
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${escape(ivo.title)}</title></head><body><h1>${escape(ivo.title)}</h1>\n${sections}</body></html>`;
}

function DeviationCard({ initial }: { initial: Deviation }) {
  const { t, locale } = useDeviationText();
  const [d, setD] = useState(initial);
  const [findings, setFindings] = useState(initial.findings ?? '');
  const [causes, setCauses] = useState<string[]>(initial.causes ?? []);
  const [causeDescription, setCauseDescription] = useState(initial.causeDescription ?? '');
  const [serious, setSerious] = useState(initial.serious ?? false);
  const [what, setWhat] = useState('');
  const [due, setDue] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const field = (name: string) => `deviation-${d.id}-${name}`;

  const save = async (run: () => Promise<Deviation>) => {
    try {
      setD(await run());
      setMessage({ ok: true, text: t('deviations.saved') });
    } catch (error) {
      setMessage({ ok: false, text: t('deviations.failed', { message: messageOf(error) }) });
    }
  };
  const investigate = (e: FormEvent) => {
    e.preventDefault();
    void save(async () => {
      const input = { findings, causes, causeDescription: causeDescription.trim() || null, serious };
      return (await planRequest<{ investigateDeviation: Deviation }>(INVESTIGATE, { id: d.id, input })).investigateDeviation;
    });
  };
  const addAction = (e: FormEvent) => {
    e.preventDefault();
    void save(async () => {
      const done = (await planRequest<{ addDeviationAction: Deviation }>(ACTION, { id: d.id, input: { what, dueOn: due } })).addDeviationAction;
      setWhat('');
      setDue('');
      return done;
    });
  };
  const close = () => void save(async () => (await planRequest<{ closeDeviation: Deviation }>(CLOSE, { id: d.id })).closeDeviation);

  const heading = d.contentVisible && d.kind ? t(`deviation.kind.${d.kind.toLowerCase()}` as DeviationKey) : t('deviation.lexSarah');
  return (
    <li className="card" data-deviation={d.id}>
      <h2>
        {heading}
        {d.lexSarah && d.contentVisible ? ` · ${t('deviation.lexSarah')}` : ''}
      </h2>
      <p className="list-meta">
        {d.unitName} · {t(`deviations.status.${d.status}`)}
        {d.dueOn && ` · ${t('deviations.due', { date: d.dueOn })}`}
        {d.overdue && ` · ${t('deviations.overdue')}`}
      </p>
      {!d.contentVisible && <p>{t('deviations.restricted')}</p>}
      {d.contentVisible && (
        <>
          {d.occurredAt && (
            <p className="list-meta">{t('deviations.occurred', { time: new Date(d.occurredAt).toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB') })}</p>
          )}
          {d.recipientReference && <p>{t('deviations.recipient', { reference: d.recipientReference })}</p>}
          <p data-deviation-description>{d.description}</p>
          {d.immediateAction && <p>{t('deviations.immediate', { text: d.immediateAction })}</p>}
          {d.findings && <p>{t('deviations.findings', { text: d.findings })}</p>}
          {d.causes && d.causes.length > 0 && (
            <p>{t('deviations.causes', { list: d.causes.map((c) => t(`deviations.cause.${c}` as DeviationKey)).join(', ') })}</p>
          )}
          {d.actions && d.actions.length > 0 && (
            <>
              <h3>{t('deviations.actions')}</h3>
              <ul>
                {d.actions.map((a) => (
                  <li key={a.id}>
                    {a.what} · {a.ownerName} · {t('deviations.due', { date: a.dueOn })}
                    {a.status === 'done' ? ` · ${t('deviations.actionDone')}` : ''}
                    {a.status === 'open' && d.status !== 'CLOSED' && (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() =>
                            void save(async () => (await planRequest<{ completeDeviationAction: Deviation }>(COMPLETE, { id: a.id })).completeDeviationAction)
                          }
                        >
                          {t('deviations.markDone')}
                        </button>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          {d.status !== 'CLOSED' && (
            <form onSubmit={investigate}>
              <h3>{t('deviations.investigate')}</h3>
              <label htmlFor={field('findings')}>{t('deviations.findingsLabel')}</label>
              <textarea id={field('findings')} rows={3} value={findings} onChange={(e) => setFindings(e.target.value)} />
              <fieldset>
                <legend>{t('deviations.causesLegend')}</legend>
                {CAUSES.map((c) => (
                  <label key={c} className="check">
                    <input
                      type="checkbox"
                      checked={causes.includes(c)}
                      onChange={(e) => setCauses(e.target.checked ? [...causes, c] : causes.filter((x) => x !== c))}
                    />
                    {t(`deviations.cause.${c}`)}
                  </label>
                ))}
              </fieldset>
              <label htmlFor={field('causeDescription')}>{t('deviations.causeDescription')}</label>
              <textarea id={field('causeDescription')} rows={2} value={causeDescription} onChange={(e) => setCauseDescription(e.target.value)} />
              <label className="check">
                <input type="checkbox" checked={serious} onChange={(e) => setSerious(e.target.checked)} />
                {t('deviations.serious')}
              </label>
              <button type="submit" className="button button-small">
                {t('deviations.saveInvestigation')}
              </button>
            </form>
          )}
          {d.status !== 'CLOSED' && (
            <form onSubmit={addAction}>
              <label htmlFor={field('what')}>{t('deviations.actionWhat')}</label>
              <input id={field('what')} value={what} onChange={(e) => setWhat(e.target.value)} />
              <label htmlFor={field('due')}>{t('deviations.actionDue')}</label>
              <input id={field('due')} type="date" value={due} onChange={(e) => setDue(e.target.value)} />
              <button type="submit" className="button button-small">
                {t('deviations.addAction')}
              </button>
            </form>
          )}
          {d.status === 'INVESTIGATED' && (
            <button type="button" className="button button-small" onClick={close}>
              {t('deviations.close')}
            </button>
          )}
          {d.ivoNotification && (
            <section aria-label={t('deviations.ivo')} data-ivo>
              <h3>{t('deviations.ivo')}</h3>
              <p>{t('deviations.ivoIntro')}</p>
              <button
                type="button"
                className="button button-small"
                onClick={() => download(`ivo-lex-sarah-${d.id.slice(0, 8)}.html`, ivoDocument(d.ivoNotification!), 'text/html')}
              >
                {t('deviations.ivoDownload')}
              </button>
              {d.ivoNotification.sections.map((s) => (
                <div key={s.heading} lang="sv">
                  <h4>{s.heading}</h4>
                  <p className="pre-line">{s.body}</p>
                </div>
              ))}
            </section>
          )}
        </>
      )}
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? undefined : 'error'}>
          {message.text}
        </p>
      )}
    </li>
  );
}

export function DeviationsScreen() {
  const { t } = useDeviationText();
  const online = useOnline();
  const [shown, setShown] = useState<Shown>('ALL');
  const filter = { first: 200, ...(shown === 'ALL' ? {} : shown === 'OVERDUE' ? { overdue: true } : { status: shown }) };
  const data = useAsync(() => (online ? planRequest<{ deviations: Deviation[] }>(LIST, { f: filter }) : Promise.resolve(null)), [shown, online]);
  return (
    <section className="deviations">
      <h1 tabIndex={-1}>{t('deviations.title')}</h1>
      <p>{t('deviations.intro')}</p>
      {!online && <p>{t('deviations.offline')}</p>}
      <div className="button-row">
        <label htmlFor="deviations-shown">{t('deviations.filter')}</label>
        <select id="deviations-shown" value={shown} onChange={(e) => setShown(e.target.value as Shown)}>
          {(['ALL', 'OVERDUE', ...STATUSES] as const).map((s) => (
            <option key={s} value={s}>
              {t(`deviations.filter.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {data.status === 'error' && (
        <p className="error" role="alert">
          {t('deviations.error', { message: messageOf(data.error) })}
        </p>
      )}
      {data.status === 'ready' && data.value && data.value.deviations.length === 0 && <p>{t('deviations.none')}</p>}
      {data.status === 'ready' && data.value && data.value.deviations.length > 0 && (
        <ul className="list" aria-label={t('deviations.title')}>
          {data.value.deviations.map((d) => (
            <DeviationCard key={d.id} initial={d} />
          ))}
        </ul>
      )}
    </section>
  );
}

export default DeviationsScreen;
