import { useEffect, useState } from 'react';
import { useAsync } from '../../app/hooks.js';
import { messageOf, planRequest } from '../plan/plan-api.js';
import {
  CREATE_MAPPING,
  DELETE_MAPPING,
  MAPPINGS,
  ORGANISATION,
  scopedRoleInput,
  UPDATE_SETTINGS,
  type MappingOverview,
  type OrgChoices,
} from './account-api.js';
import { ScopedRolePicker, type ScopedRoleValue } from './ScopedRolePicker.js';
import { useUserText } from './user-messages.js';

/** The admin's mapping table: which group or role id from the provider gives which role and unit, and the identity settings. */
export function RoleMappingScreen() {
  const { t } = useUserText();
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const overview = useAsync(() => planRequest<MappingOverview>(MAPPINGS), [version]);
  const orgState = useAsync(() => planRequest<OrgChoices>(ORGANISATION), []);
  const org = { value: orgState.status === 'ready' ? orgState.value : null };
  const [claimValue, setClaimValue] = useState('');
  const [scoped, setScoped] = useState<ScopedRoleValue>({ role: '', unitId: '', administrationId: '' });
  const [settings, setSettings] = useState<{ roleClaim: string; autoCreate: boolean } | null>(null);
  useEffect(() => {
    if (overview.status === 'ready') setSettings(overview.value.identitySettings);
  }, [overview]);

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setNotice({ ok: true, text: done });
      setVersion((n) => n + 1);
      return true;
    } catch (error) {
      setNotice({ ok: false, text: t('users.error', { message: messageOf(error) }) });
      return false;
    }
  };

  const describe = (m: MappingOverview['roleMappings'][number]) => {
    const units = org.value?.organisation.units ?? [];
    const administrations = org.value?.organisation.administrations ?? [];
    const scope = m.unitId
      ? units.find((u) => u.id === m.unitId)?.name
      : m.administrationId
        ? administrations.find((a) => a.id === m.administrationId)?.name
        : null;
    return `${t(`role.${m.role}`)}${scope ? ` · ${scope}` : ''}`;
  };

  return (
    <section>
      <h1 tabIndex={-1}>{t('mappings.title')}</h1>
      <p>{t('mappings.intro')}</p>
      {overview.status === 'error' && <p className="error">{t('users.error', { message: messageOf(overview.error) })}</p>}
      {notice && (
        <p className={notice.ok ? undefined : 'error'} role={notice.ok ? 'status' : 'alert'}>
          {notice.text}
        </p>
      )}
      <h2>{t('mappings.settings')}</h2>
      {settings && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => planRequest(UPDATE_SETTINGS, { i: settings }), t('mappings.settingsSaved'));
          }}
        >
          <label htmlFor="mapping-claim">{t('mappings.claim')}</label>
          <input id="mapping-claim" value={settings.roleClaim} onChange={(e) => setSettings({ ...settings, roleClaim: e.target.value })} />
          <label className="checkbox">
            <input type="checkbox" checked={settings.autoCreate} onChange={(e) => setSettings({ ...settings, autoCreate: e.target.checked })} />
            {t('mappings.autoCreate')}
          </label>
          <button type="submit" className="button button-small">
            {t('mappings.saveSettings')}
          </button>
        </form>
      )}
      <h2>{t('mappings.rows')}</h2>
      {overview.status === 'ready' && overview.value.roleMappings.length === 0 && <p>{t('mappings.none')}</p>}
      {overview.status === 'ready' && overview.value.roleMappings.length > 0 && (
        <ul className="list">
          {overview.value.roleMappings.map((m) => (
            <li key={m.id} className="card">
              <p>
                <code>
                  <bdi>{m.claimValue}</bdi>
                </code>{' '}
                → {describe(m)}
              </p>
              <button
                type="button"
                className="button button-small"
                aria-label={t('mappings.removeLabel', { value: m.claimValue })}
                onClick={() => void act(() => planRequest(DELETE_MAPPING, { id: m.id }), t('mappings.removed'))}
              >
                {t('mappings.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('mappings.add')}</h2>
      {org.value && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!scoped.role) return;
            const input = { claimValue: claimValue.trim(), ...scopedRoleInput(scoped.role, scoped.unitId, scoped.administrationId) };
            void act(() => planRequest(CREATE_MAPPING, { i: input }), t('mappings.added')).then((ok) => {
              if (ok) setClaimValue('');
            });
          }}
        >
          <label htmlFor="mapping-value">{t('mappings.claimValue')}</label>
          <input id="mapping-value" value={claimValue} onChange={(e) => setClaimValue(e.target.value)} />
          <ScopedRolePicker idPrefix="mapping" value={scoped} onChange={setScoped} org={org.value.organisation} />
          <button type="submit" className="button button-primary button-small" disabled={!scoped.role || !claimValue.trim()}>
            {t('mappings.add')}
          </button>
        </form>
      )}
    </section>
  );
}
