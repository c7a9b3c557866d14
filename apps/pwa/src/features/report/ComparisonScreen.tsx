import { useState, type FormEvent } from 'react';
import { useAsync, useStore } from '../../app/hooks.js';
import { TableScroll } from '../../app/TableScroll.js';
import { sessionStore } from '../../sync/session.js';
import { GraphQLRequestError } from '../../sync/graphql-client.js';
import { messageOf, planRequest } from '../plan/plan-api.js';
import { usePlanText } from '../plan/plan-messages.js';

interface ComparisonData {
  comparison: { ownMunicipalityCode: string; values: Array<{ municipalityCode: string; indicator: string; period: string; value: number }> };
}

/** Other municipalities' values next to ours (seed 004), and the import of a Kolada or CSV file. */
export function ComparisonScreen() {
  const { t, locale } = usePlanText();
  const session = useStore(sessionStore);
  const imports = session.status === 'active' && (session.session.user.role === 'quality_coordinator' || session.session.user.role === 'admin');
  const [version, setVersion] = useState(0);
  const data = useAsync(
    () => planRequest<ComparisonData>(`{ comparison { ownMunicipalityCode values { municipalityCode indicator period value } } }`),
    [version],
  );
  const [format, setFormat] = useState('KOLADA_JSON');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<{ ok: true; text: string } | { ok: false; text: string; issues: string[] } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    try {
      const res = await planRequest<{ importComparisonValues: { inserted: number; replaced: number } }>(
        `mutation($f: ComparisonFormat!, $c: String!) { importComparisonValues(format: $f, content: $c) { inserted replaced } }`,
        { f: format, c: await file.text() },
      );
      setResult({ ok: true, text: t('comparison.imported', res.importComparisonValues as unknown as Record<string, number>) });
      setVersion((v) => v + 1);
    } catch (error) {
      setResult({ ok: false, text: error instanceof GraphQLRequestError ? t('comparison.rejected') : messageOf(error), issues: [messageOf(error)] });
    }
  };

  const number = new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 2 });
  const groups = new Map<string, ComparisonData['comparison']['values']>();
  if (data.status === 'ready')
    for (const v of data.value.comparison.values) groups.set(`${v.indicator} ${v.period}`, [...(groups.get(`${v.indicator} ${v.period}`) ?? []), v]);

  return (
    <section>
      <h1 tabIndex={-1}>{t('comparison.title')}</h1>
      {data.status === 'error' && <p className="error">{t('plan.error', { message: messageOf(data.error) })}</p>}
      {data.status === 'ready' && groups.size === 0 && <p>{t('comparison.empty')}</p>}
      {[...groups].map(([key, values]) => {
        const title = `${t('comparison.indicator')} ${values[0]?.indicator} · ${t('comparison.period')} ${values[0]?.period}`;
        return (
          <TableScroll key={key} label={title}>
            <table className="comparison">
              <caption>{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('comparison.municipality')}</th>
                  <th scope="col">{t('comparison.value')}</th>
                </tr>
              </thead>
              <tbody>
                {values.map((v) => {
                  const own = data.status === 'ready' && v.municipalityCode === data.value.comparison.ownMunicipalityCode;
                  return (
                    <tr key={v.municipalityCode} className={own ? 'own' : undefined}>
                      <th scope="row">
                        {v.municipalityCode} {own ? t('comparison.own') : ''}
                      </th>
                      <td>{number.format(v.value)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        );
      })}
      {imports && (
        <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="import-title">
          <h2 id="import-title">{t('comparison.import')}</h2>
          <label htmlFor="import-format">{t('comparison.format')}</label>
          <select id="import-format" value={format} onChange={(e) => setFormat(e.target.value)}>
            <option value="KOLADA_JSON">{t('comparison.format.KOLADA_JSON')}</option>
            <option value="CSV">{t('comparison.format.CSV')}</option>
          </select>
          <label htmlFor="import-file">{t('comparison.file')}</label>
          <input id="import-file" type="file" accept=".json,.csv,application/json,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          {result && (
            <p className={result.ok ? undefined : 'error'} role={result.ok ? 'status' : 'alert'}>
              {result.text} {!result.ok && result.issues.join(' ')}
            </p>
          )}
          <button type="submit" className="button button-primary" disabled={!file}>
            {t('comparison.import')}
          </button>
        </form>
      )}
    </section>
  );
}
