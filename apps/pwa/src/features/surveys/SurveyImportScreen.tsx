import { useState, type ChangeEvent, type FormEvent } from 'react';
import { navigate } from '../../app/router.js';
import { messageOf, planRequest } from '../plan/plan-api.js';
import { formatShare, SURVEY_MESSAGES, useSurveyText, type SurveyKey } from './survey-messages.js';

/*
 * "Importera brukarundersökning" (/kvalitet/brukarundersokning): a survey file is chosen, checked by the API's
 * dry run (every row on its unit, every problem by row and column) and only then imported, whole. Online, as
 * the other supervisors' screens; the file's rules are the API's (packages/domain), never repeated here.
 */

const NATIONAL_NAME = 'Vad tycker de äldre om äldreomsorgen?';
type Source = 'NATIONAL' | 'OWN';

interface Preview {
  rows: Array<{ row: number; unitName: string; question: string; sharePositive: number | null; respondents: number; suppressed: boolean }>;
  problems: Array<{ field: string; code: string; row: number | null; message: string }>;
}

const PREVIEW = `query($input: UserSurveyImportInput!) { userSurveyImportPreview(input: $input) {
  rows { row unitName question sharePositive respondents suppressed } problems { field code row message } } }`;
const IMPORT = `mutation($input: UserSurveyImportInput!) { importUserSurvey(input: $input) { surveyId inserted replaced } }`;

/** The column a problem's field names (`rows[12].unit` → unit), as the screen labels it. */
const COLUMN_LABELS: Record<string, SurveyKey> = {
  unit: 'survey.unit',
  question: 'survey.question',
  result: 'import.result',
  respondents: 'survey.respondents',
};

export function SurveyImportScreen() {
  const { t, locale } = useSurveyText();
  const [source, setSource] = useState<Source>('NATIONAL');
  const [name, setName] = useState(NATIONAL_NAME);
  const [year, setYear] = useState(new Date().getFullYear());
  const [csv, setCsv] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ inserted: number; replaced: number } | null>(null);
  const input = () => ({ source, name, year, csv: csv ?? '' });

  const changed = () => {
    setPreview(null);
    setDone(null);
    setError(null);
  };
  const chooseFile = async (e: ChangeEvent<HTMLInputElement>) => {
    changed();
    const file = e.target.files?.[0];
    setCsv(file ? await file.text() : null);
  };
  const check = async (e: FormEvent) => {
    e.preventDefault();
    if (csv === null) return setError(t('import.chooseFile'));
    setBusy(true);
    changed();
    try {
      setPreview((await planRequest<{ userSurveyImportPreview: Preview }>(PREVIEW, { input: input() })).userSurveyImportPreview);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    setBusy(true);
    try {
      setDone((await planRequest<{ importUserSurvey: { inserted: number; replaced: number } }>(IMPORT, { input: input() })).importUserSurvey);
      setPreview(null);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  // A problem in the reader's language: by the file's part (header, file) or the row's problem code; the API's English message otherwise.
  const messageFor = (p: Preview['problems'][number]) => {
    const key = (p.field === 'header' || p.field === 'csv' ? `problem.${p.field}` : `problem.${p.code}`) as SurveyKey;
    return key in SURVEY_MESSAGES.sv ? t(key) : p.message;
  };
  const columnOf = (field: string) => {
    const column = /^rows\[\d+\]\.(\w+)$/.exec(field)?.[1];
    if (column && COLUMN_LABELS[column]) return t(COLUMN_LABELS[column]);
    return field === 'input.name' ? t('import.name') : field === 'input.year' ? t('import.year') : '–';
  };

  return (
    <section className="survey-import">
      <h1 tabIndex={-1}>{t('import.title')}</h1>
      <p>{t('import.intro')}</p>
      <form onSubmit={(e) => void check(e)} className="card">
        <label htmlFor="survey-source">{t('import.source')}</label>
        <select
          id="survey-source"
          value={source}
          onChange={(e) => {
            const next = e.target.value as Source;
            setSource(next);
            if (next === 'NATIONAL') setName(NATIONAL_NAME);
            else if (name === NATIONAL_NAME) setName('');
            changed();
          }}
        >
          <option value="NATIONAL">{t('import.source.national')}</option>
          <option value="OWN">{t('import.source.own')}</option>
        </select>
        <label htmlFor="survey-name">{t('import.name')}</label>
        <input
          id="survey-name"
          value={name}
          required
          maxLength={200}
          onChange={(e) => {
            setName(e.target.value);
            changed();
          }}
        />
        <label htmlFor="survey-year">{t('import.year')}</label>
        <input
          id="survey-year"
          type="number"
          min={2000}
          max={2100}
          value={year}
          required
          onChange={(e) => {
            setYear(Number(e.target.value));
            changed();
          }}
        />
        <label htmlFor="survey-file">{t('import.file')}</label>
        <input id="survey-file" type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void chooseFile(e)} />
        <p className="button-row">
          <button type="submit" className="button" disabled={busy}>
            {busy && !preview ? t('import.previewing') : t('import.preview')}
          </button>
        </p>
      </form>

      <div role="status" aria-live="polite">
        {error && <p className="error">{t('survey.error', { message: error })}</p>}
        {done && <p data-import-done>{t('import.done', done)}</p>}
        {preview && preview.problems.length > 0 && <p className="error">{t('import.problems', { count: preview.problems.length })}</p>}
        {preview && preview.problems.length === 0 && <p>{t('import.rows', { count: preview.rows.length })}</p>}
      </div>

      {preview && preview.problems.length > 0 && (
        <table data-table="survey-problems">
          <thead>
            <tr>
              <th scope="col">{t('import.problemRow')}</th>
              <th scope="col">{t('import.problemColumn')}</th>
              <th scope="col">{t('import.problemMessage')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.problems.map((p) => (
              <tr key={`${p.field}-${p.code}`}>
                <th scope="row">{p.row ?? t('import.wholeFile')}</th>
                <td>{columnOf(p.field)}</td>
                <td>{messageFor(p)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {preview && preview.rows.length > 0 && (
        <table data-table="survey-preview">
          <thead>
            <tr>
              <th scope="col">{t('import.problemRow')}</th>
              <th scope="col">{t('survey.unit')}</th>
              <th scope="col">{t('survey.question')}</th>
              <th scope="col">{t('import.result')}</th>
              <th scope="col">{t('survey.respondents')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.row}>
                <th scope="row">{r.row}</th>
                <td>{r.unitName}</td>
                <td>{r.question}</td>
                <td>{r.suppressed || r.sharePositive === null ? t('survey.hidden') : formatShare(r.sharePositive, locale)}</td>
                <td>{r.respondents}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <p className="button-row">
        {preview && preview.problems.length === 0 && preview.rows.length > 0 && (
          <button type="button" className="button" disabled={busy} onClick={() => void save()}>
            {busy ? t('import.importing') : t('import.submit', { count: preview.rows.length })}
          </button>
        )}
        {done && (
          <button type="button" className="button" onClick={() => navigate({ name: 'dashboard' })}>
            {t('import.toDashboard')}
          </button>
        )}
        <button type="button" className="button" onClick={() => navigate({ name: 'quality', year: new Date().getFullYear() })}>
          {t('import.back')}
        </button>
      </p>
    </section>
  );
}

export default SurveyImportScreen;
