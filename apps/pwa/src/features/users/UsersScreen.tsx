import { mayReceiveLexSarah } from '@hjulet/domain';
import { useState } from 'react';
import { useAsync } from '../../app/hooks.js';
import { messageOf, planRequest } from '../plan/plan-api.js';
import {
  ACCOUNTS,
  ASSIGN_ROLE,
  DEACTIVATE,
  DESIGNATE_LEX_SARAH,
  LEX_SARAH_GROUP,
  ORGANISATION,
  REACTIVATE,
  scopedRoleInput,
  type Account,
  type LexSarahMember,
  type OrgChoices,
} from './account-api.js';
import { ScopedRolePicker, type ScopedRoleValue } from './ScopedRolePicker.js';
import { useUserText } from './user-messages.js';

/**
 * The admin's users: those awaiting a role first, then everyone with last sign-in and method, the 90-day
 * flag, and the two changes an admin makes here (role and unit; deactivation). Each ends the user's sessions.
 * Here too the admin keeps the lex Sarah group, whose members alone read lex Sarah reports' content.
 */
export function UsersScreen() {
  const { t, locale } = useUserText();
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const accounts = useAsync(() => planRequest<{ userAccounts: Account[] }>(ACCOUNTS), [version]);
  const orgState = useAsync(() => planRequest<OrgChoices>(ORGANISATION), []);
  const groupState = useAsync(() => planRequest<{ lexSarahReceivers: LexSarahMember[] }>(LEX_SARAH_GROUP), [version]);
  const group = groupState.status === 'ready' ? groupState.value.lexSarahReceivers : [];
  const inGroup = new Set(group.map((m) => m.userId));
  const org = { value: orgState.status === 'ready' ? orgState.value : null };
  const time = (iso: string) => new Date(iso).toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB');

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setNotice({ ok: true, text: done });
      setEditing(null);
      setVersion((n) => n + 1);
    } catch (error) {
      setNotice({ ok: false, text: t('users.error', { message: messageOf(error) }) });
    }
  };

  const scopeName = (a: Account) => {
    if (!org.value) return '';
    if (a.unitId) return org.value.organisation.units.find((u) => u.id === a.unitId)?.name ?? '';
    if (a.administrationId) return org.value.organisation.administrations.find((x) => x.id === a.administrationId)?.name ?? '';
    return '';
  };

  const row = (a: Account) => (
    <li key={a.id} className="card">
      <p>
        <strong>
          <bdi>{a.displayName}</bdi>
        </strong>{' '}
        <bdi>{a.email}</bdi>
      </p>
      <p>
        {a.role ? t(`role.${a.role}`) : t('role.none')}
        {scopeName(a) && ` · ${scopeName(a)}`}
        {a.roleSource && ` (${t(`source.${a.roleSource}`)})`}
      </p>
      <p>
        {t('users.lastSignIn')}:{' '}
        {a.lastSignInAt ? `${time(a.lastSignInAt)} · ${a.lastSignInMethod ? t(`method.${a.lastSignInMethod}`) : ''}` : t('users.never')}
      </p>
      {(a.dormant || !a.active) && (
        <p>
          {a.dormant && <span className="badge badge-warning">{t('users.dormant')}</span>} {!a.active && <span className="badge">{t('users.inactive')}</span>}
        </p>
      )}
      {inGroup.has(a.id) && (
        <p>
          <span className="badge">{t('lexSarah.member')}</span>
        </p>
      )}
      {editing === a.id && org.value ? (
        <AssignRole
          account={a}
          org={org.value}
          onCancel={() => setEditing(null)}
          onSave={(input) => act(() => planRequest(ASSIGN_ROLE, { u: a.id, i: input }), t('users.saved'))}
        />
      ) : (
        <div className="button-row">
          <button type="button" className="button button-small" aria-label={t('users.assignLabel', { name: a.displayName })} onClick={() => setEditing(a.id)}>
            {t('users.assign')}
          </button>
          <LexSarahButton account={a} member={inGroup.has(a.id)} act={act} />
          {a.active ? (
            <button
              type="button"
              className="button button-small"
              aria-label={t('users.deactivateLabel', { name: a.displayName })}
              onClick={() => void act(() => planRequest(DEACTIVATE, { u: a.id }), t('users.deactivated', { name: a.displayName }))}
            >
              {t('users.deactivate')}
            </button>
          ) : (
            <button
              type="button"
              className="button button-small"
              aria-label={t('users.reactivateLabel', { name: a.displayName })}
              onClick={() => void act(() => planRequest(REACTIVATE, { u: a.id }), t('users.reactivated', { name: a.displayName }))}
            >
              {t('users.reactivate')}
            </button>
          )}
        </div>
      )}
    </li>
  );

  const list = accounts.status === 'ready' ? accounts.value.userAccounts : [];
  const awaiting = list.filter((a) => a.awaitingRole);
  return (
    <section>
      <h1 tabIndex={-1}>{t('users.title')}</h1>
      <p>{t('users.intro')}</p>
      {accounts.status === 'error' && <p className="error">{t('users.error', { message: messageOf(accounts.error) })}</p>}
      {notice && (
        <p className={notice.ok ? undefined : 'error'} role={notice.ok ? 'status' : 'alert'}>
          {notice.text}
        </p>
      )}
      <h2>{t('lexSarah.title')}</h2>
      <p>{t('lexSarah.intro')}</p>
      {groupState.status === 'ready' &&
        (group.length === 0 ? (
          <p>{t('lexSarah.none')}</p>
        ) : (
          <ul>
            {group.map((m) => (
              <li key={m.userId}>
                <bdi>{m.displayName}</bdi>
              </li>
            ))}
          </ul>
        ))}
      <h2>{t('users.awaiting')}</h2>
      {accounts.status === 'ready' && awaiting.length === 0 && <p>{t('users.noneAwaiting')}</p>}
      {awaiting.length > 0 && <ul className="list">{awaiting.map(row)}</ul>}
      <h2>{t('users.all')}</h2>
      <ul className="list">{list.filter((a) => !a.awaitingRole).map(row)}</ul>
    </section>
  );
}

/** Add to or remove from the lex Sarah group: offered to those who may be in it, and to members (so they can leave). */
function LexSarahButton({ account, member, act }: { account: Account; member: boolean; act: (work: () => Promise<unknown>, done: string) => Promise<void> }) {
  const { t } = useUserText();
  const eligible = mayReceiveLexSarah({ role: account.role?.toLowerCase() ?? null, active: account.active });
  if (!member && !eligible) return null;
  const name = account.displayName;
  return (
    <button
      type="button"
      className="button button-small"
      aria-label={t(member ? 'lexSarah.removeLabel' : 'lexSarah.addLabel', { name })}
      onClick={() =>
        void act(() => planRequest(DESIGNATE_LEX_SARAH, { u: account.id, d: !member }), t(member ? 'lexSarah.removed' : 'lexSarah.added', { name }))
      }
    >
      {t(member ? 'lexSarah.remove' : 'lexSarah.add')}
    </button>
  );
}

function AssignRole({
  account,
  org,
  onSave,
  onCancel,
}: {
  account: Account;
  org: OrgChoices;
  onSave: (input: ReturnType<typeof scopedRoleInput>) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useUserText();
  const [value, setValue] = useState<ScopedRoleValue>({
    role: account.role ?? '',
    unitId: account.unitId ?? '',
    administrationId: account.administrationId ?? '',
  });
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.role) void onSave(scopedRoleInput(value.role, value.unitId, value.administrationId));
      }}
    >
      <ScopedRolePicker idPrefix={`assign-${account.id}`} value={value} onChange={setValue} org={org.organisation} />
      <div className="button-row">
        <button type="submit" className="button button-primary button-small" disabled={!value.role}>
          {t('users.save')}
        </button>
        <button type="button" className="button button-small" onClick={onCancel}>
          {t('users.cancel')}
        </button>
      </div>
    </form>
  );
}
