import { WIRE_ROLES, type OrgChoices, type WireRole } from './account-api.js';
import { useUserText } from './user-messages.js';

export interface ScopedRoleValue {
  role: WireRole | '';
  unitId: string;
  administrationId: string;
}

/** Role, then the unit or administration that role needs (none for an administrator). */
export function ScopedRolePicker({
  idPrefix,
  value,
  onChange,
  org,
}: {
  idPrefix: string;
  value: ScopedRoleValue;
  onChange: (v: ScopedRoleValue) => void;
  org: OrgChoices['organisation'];
}) {
  const { t } = useUserText();
  const needsUnit = value.role === 'STAFF' || value.role === 'UNIT_MANAGER';
  return (
    <>
      <label htmlFor={`${idPrefix}-role`}>{t('users.role')}</label>
      <select id={`${idPrefix}-role`} value={value.role} onChange={(e) => onChange({ ...value, role: e.target.value as WireRole | '' })}>
        <option value="">{t('users.choose')}</option>
        {WIRE_ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`role.${r}`)}
          </option>
        ))}
      </select>
      {needsUnit && (
        <>
          <label htmlFor={`${idPrefix}-unit`}>{t('users.unit')}</label>
          <select id={`${idPrefix}-unit`} value={value.unitId} onChange={(e) => onChange({ ...value, unitId: e.target.value })}>
            <option value="">{t('users.choose')}</option>
            {org.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </>
      )}
      {value.role === 'QUALITY_COORDINATOR' && (
        <>
          <label htmlFor={`${idPrefix}-administration`}>{t('users.administration')}</label>
          <select id={`${idPrefix}-administration`} value={value.administrationId} onChange={(e) => onChange({ ...value, administrationId: e.target.value })}>
            <option value="">{t('users.choose')}</option>
            {org.administrations.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </>
      )}
    </>
  );
}
