import { useState, type FormEvent } from 'react';
import { useAsync } from '../../app/hooks.js';
import { GraphQLRequestError, type RefusalIssue } from '../../sync/graphql-client.js';
import { messageOf, planRequest } from '../plan/plan-api.js';
import { base64Of, bytesOf } from './file-transfer.js';
import { download } from '../../app/download.js';
import { useTemplateText } from './template-messages.js';

interface TemplateList {
  templates: Array<{
    id: string;
    key: string;
    title: { sv: string; en: string };
    versions: Array<{ id: string; version: number; status: 'DRAFT' | 'PUBLISHED' }>;
  }>;
}

interface Imported {
  importXlsForm: { templateVersion: { templateKey: string; version: number; status: 'DRAFT' | 'PUBLISHED' }; warnings: RefusalIssue[] };
}

type Outcome = { ok: true; text: string; warnings: RefusalIssue[] } | { ok: false; text: string; issues: RefusalIssue[] };

const IMPORT = `mutation($input: ImportXlsFormInput!) {
  importXlsForm(input: $input) { templateVersion { templateKey version status } warnings { code field message } }
}`;

/** Templates in and out: import an XLSForm as a new version, download any version as XLSForm or FHIR (docs/interchange.md). */
export function TemplatesScreen() {
  const { t, locale } = useTemplateText();
  const [version, setVersion] = useState(0);
  const list = useAsync(() => planRequest<TemplateList>(`{ templates { id key title { sv en } versions { id version status } } }`), [version]);
  const [file, setFile] = useState<File | null>(null);
  const [publish, setPublish] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    try {
      const res = await planRequest<Imported>(IMPORT, { input: { fileBase64: base64Of(new Uint8Array(await file.arrayBuffer())), publish } });
      const { templateVersion: v, warnings } = res.importXlsForm;
      setOutcome({ ok: true, text: t('templates.imported', { version: v.version, key: v.templateKey, status: t(`templates.status.${v.status}`) }), warnings });
      setVersion((n) => n + 1);
    } catch (error) {
      const issues = error instanceof GraphQLRequestError && error.failure.kind === 'refused' ? (error.failure.issues ?? []) : [];
      setOutcome({ ok: false, text: issues.length > 0 ? t('templates.rejected') : t('templates.error', { message: messageOf(error) }), issues });
    }
  };

  const downloadXlsForm = async (id: string) => {
    setFailure(null);
    try {
      const res = await planRequest<{ templateVersionXlsForm: { fileName: string; contentType: string; contentBase64: string } }>(
        `query($id: UUID!) { templateVersionXlsForm(id: $id) { fileName contentType contentBase64 } }`,
        { id },
      );
      const f = res.templateVersionXlsForm;
      download(f.fileName, bytesOf(f.contentBase64), f.contentType);
    } catch (error) {
      setFailure(t('templates.error', { message: messageOf(error) }));
    }
  };

  const downloadFhir = async (id: string, key: string, number: number) => {
    setFailure(null);
    try {
      const res = await planRequest<{ templateVersionQuestionnaire: unknown }>(`query($id: UUID!) { templateVersionQuestionnaire(id: $id) }`, { id });
      download(`${key}-v${number}.questionnaire.json`, JSON.stringify(res.templateVersionQuestionnaire, null, 2), 'application/fhir+json');
    } catch (error) {
      setFailure(t('templates.error', { message: messageOf(error) }));
    }
  };

  const issueList = (issues: RefusalIssue[]) => (
    <ul>
      {issues.map((issue) => (
        <li key={`${issue.field} ${issue.code}`}>
          <code>{issue.field}</code> {issue.message}
        </li>
      ))}
    </ul>
  );

  return (
    <section>
      <h1 tabIndex={-1}>{t('templates.title')}</h1>
      <p>{t('templates.intro')}</p>
      {list.status === 'error' && <p className="error">{t('templates.error', { message: messageOf(list.error) })}</p>}
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      {list.status === 'ready' && list.value.templates.length === 0 && <p>{t('templates.empty')}</p>}
      {list.status === 'ready' &&
        list.value.templates.map((template) => (
          <section key={template.id} className="card" aria-labelledby={`template-${template.id}`}>
            <h2 id={`template-${template.id}`}>{template.title[locale]}</h2>
            <ul className="template-versions">
              {template.versions.map((v) => {
                const label = { title: template.title[locale], version: v.version };
                return (
                  <li key={v.id}>
                    <span>
                      {t('templates.version', { version: v.version })} ({t(`templates.status.${v.status}`)})
                    </span>{' '}
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('templates.downloadXlsFormLabel', label)}
                      onClick={() => void downloadXlsForm(v.id)}
                    >
                      {t('templates.downloadXlsForm')}
                    </button>{' '}
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('templates.downloadFhirLabel', label)}
                      onClick={() => void downloadFhir(v.id, template.key, v.version)}
                    >
                      {t('templates.downloadFhir')}
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="xlsform-import-title">
        <h2 id="xlsform-import-title">{t('templates.import')}</h2>
        <label htmlFor="xlsform-file">{t('templates.file')}</label>
        <input
          id="xlsform-file"
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <label className="check">
          <input type="checkbox" checked={publish} onChange={(e) => setPublish(e.target.checked)} />
          <span>{t('templates.publish')}</span>
        </label>
        {outcome && (
          <div className={outcome.ok ? undefined : 'error'} role={outcome.ok ? 'status' : 'alert'}>
            <p>{outcome.text}</p>
            {outcome.ok && outcome.warnings.length > 0 && (
              <>
                <p>{t('templates.warnings')}</p>
                {issueList(outcome.warnings)}
              </>
            )}
            {!outcome.ok && issueList(outcome.issues)}
          </div>
        )}
        <button type="submit" className="button button-primary" disabled={!file}>
          {t('templates.import')}
        </button>
      </form>
    </section>
  );
}
