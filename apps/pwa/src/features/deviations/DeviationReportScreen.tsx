import { useState, type FormEvent } from 'react';
import { checkDeviationReport, DEVIATION_KINDS, type DeviationKind } from '@hjulet/domain';
import { useAsync, useStore } from '../../app/hooks.js';
import { navigate } from '../../app/router.js';
import { reportDeviationOnPhone } from '../../data/deviations.js';
import { readReference } from '../../data/session-store.js';
import { sessionStore } from '../../sync/session.js';
import { flushOutbox, refreshSyncState } from '../../sync/sync-engine.js';
import { useDeviationText } from './deviation-messages.js';

type Field = 'description' | 'immediateAction' | 'occurredAt';

/** The phone's clock as a datetime-local value (minutes), in the phone's own time zone. */
function localNow(now = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

const EMPTY = { kind: 'missed_visit' as DeviationKind, lexSarah: false, occurredAt: '', recipientId: '', description: '', immediateAction: '' };

/**
 * A deviation report (avvikelse), offline too: checked on the phone by the server's own rules
 * (packages/domain), written to the outbox in one write, and sent by the sync engine, stored once by its id.
 */
export function DeviationReportScreen() {
  const { t } = useDeviationText();
  const session = useStore(sessionStore);
  const userId = session.status === 'active' ? session.session.user.id : '';
  const reference = useAsync(() => readReference(userId), [userId]);
  const recipients = reference.status === 'ready' ? (reference.value?.recipients ?? []) : [];
  const [form, setForm] = useState(() => ({ ...EMPTY, occurredAt: localNow() }));
  const [problems, setProblems] = useState<Map<Field, string>>(new Map());
  const [saved, setSaved] = useState<null | { lexSarah: boolean }>(null);
  const [busy, setBusy] = useState(false);
  const lexSarah = form.lexSarah || form.kind === 'missforhallande';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkDeviationReport({ ...form, lexSarah, occurredAt: new Date(form.occurredAt) }, new Date());
    if (!checked.ok) {
      const found = new Map(checked.problems.map((p) => [p.field as Field, p.code]));
      setProblems(found);
      document.getElementById(`deviation-${[...found.keys()][0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const recipient = recipients.find((r) => r.id === form.recipientId);
      await reportDeviationOnPhone(
        userId,
        {
          clientId: crypto.randomUUID(),
          kind: checked.value.kind,
          lexSarah: checked.value.lexSarah,
          occurredAt: checked.value.occurredAt.toISOString(),
          description: checked.value.description,
          immediateAction: checked.value.immediateAction,
          recipientId: recipient?.id ?? null,
        },
        recipient?.reference ?? t(`deviation.kind.${checked.value.kind}`),
      );
      setProblems(new Map());
      setSaved({ lexSarah: checked.value.lexSarah });
      setForm({ ...EMPTY, occurredAt: localNow() });
      await refreshSyncState();
      void flushOutbox().catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };

  const described = (field: Field) =>
    problems.has(field) ? { 'aria-invalid': true as const, 'aria-describedby': `deviation-${field}-problem` } : { 'aria-invalid': false as const };
  const problem = (field: Field) => {
    const code = problems.get(field);
    return code ? (
      <p className="error" id={`deviation-${field}-problem`}>
        {t(`deviation.problem.${code as 'REQUIRED' | 'TOO_LONG' | 'INVALID'}`)}
      </p>
    ) : null;
  };

  return (
    <section className="deviation-report">
      <button type="button" className="link-button" onClick={() => navigate({ name: 'recipients' })}>
        {t('deviation.back')}
      </button>
      <h1 tabIndex={-1}>{t('deviation.title')}</h1>
      <p>{t('deviation.intro')}</p>
      {saved && (
        <div role="status" className="notice" data-deviation-saved>
          <p>{t(saved.lexSarah ? 'deviation.savedLexSarah' : 'deviation.saved')}</p>
        </div>
      )}
      <form noValidate onSubmit={(e) => void submit(e)}>
        <label htmlFor="deviation-kind">{t('deviation.kind')}</label>
        <select id="deviation-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as DeviationKind })}>
          {DEVIATION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`deviation.kind.${k}`)}
            </option>
          ))}
        </select>
        <div className="checkbox-row">
          <input
            id="deviation-lexSarah"
            type="checkbox"
            checked={lexSarah}
            disabled={form.kind === 'missforhallande'}
            aria-describedby="deviation-lexSarah-help"
            onChange={(e) => setForm({ ...form, lexSarah: e.target.checked })}
          />
          <label htmlFor="deviation-lexSarah">{t('deviation.lexSarah')}</label>
        </div>
        <p id="deviation-lexSarah-help" className="list-meta">
          {t('deviation.lexSarahHelp')}
        </p>
        <label htmlFor="deviation-occurredAt">{t('deviation.occurredAt')}</label>
        <input
          id="deviation-occurredAt"
          type="datetime-local"
          value={form.occurredAt}
          onChange={(e) => setForm({ ...form, occurredAt: e.target.value })}
          {...described('occurredAt')}
        />
        {problem('occurredAt')}
        <label htmlFor="deviation-recipient">{t('deviation.recipient')}</label>
        <select id="deviation-recipient" value={form.recipientId} onChange={(e) => setForm({ ...form, recipientId: e.target.value })}>
          <option value="">{t('deviation.noRecipient')}</option>
          {recipients.map((r) => (
            <option key={r.id} value={r.id}>
              {r.reference}
            </option>
          ))}
        </select>
        <label htmlFor="deviation-description">{t('deviation.description')}</label>
        <textarea
          id="deviation-description"
          rows={5}
          value={form.description}
          onChange={(e) => setForm({ ...form, description: e.target.value })}
          {...described('description')}
        />
        {problem('description')}
        <label htmlFor="deviation-immediateAction">{t('deviation.immediateAction')}</label>
        <textarea
          id="deviation-immediateAction"
          rows={3}
          value={form.immediateAction}
          onChange={(e) => setForm({ ...form, immediateAction: e.target.value })}
          {...described('immediateAction')}
        />
        {problem('immediateAction')}
        {problems.size > 0 && (
          <p className="error" role="alert">
            {t('deviation.problems')}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('deviation.submit')}
        </button>
      </form>
    </section>
  );
}

export default DeviationReportScreen;
