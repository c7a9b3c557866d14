import { useCallback } from 'react';
import { useI18n } from '../../i18n/i18n.js';

/*
 * The text of the account screens (users, the role-mapping table, my sessions), Swedish first, in the lazily
 * loaded chunk with the screens; the type makes a key missing in English a type error.
 */
const sv = {
  'users.title': 'Användare',
  'users.intro':
    'Alla konton i kommunen, med senaste inloggning. Konton som inte använts på 90 dagar flaggas: inaktivera dem som inte längre behövs. Den som loggat in via kommunens inloggning utan att få en roll väntar här tills du ger en.',
  'users.awaiting': 'Väntar på roll',
  'users.noneAwaiting': 'Ingen väntar på en roll.',
  'users.all': 'Alla användare',
  'users.role': 'Roll',
  'users.unit': 'Enhet',
  'users.administration': 'Förvaltning',
  'users.lastSignIn': 'Senast inloggad',
  'users.never': 'aldrig',
  'users.dormant': 'Inte använt på 90 dagar',
  'users.inactive': 'Inaktiverat',
  'users.assign': 'Ge roll',
  'users.assignLabel': 'Ge roll: {name}',
  'users.save': 'Spara roll',
  'users.cancel': 'Avbryt',
  'users.saved': 'Rollen är sparad. Användarens sessioner har avslutats.',
  'users.deactivate': 'Inaktivera',
  'users.deactivateLabel': 'Inaktivera {name}',
  'users.reactivate': 'Aktivera igen',
  'users.reactivateLabel': 'Aktivera igen: {name}',
  'users.deactivated': '{name} är inaktiverad och alla sessioner är avslutade.',
  'users.reactivated': '{name} kan logga in igen.',
  'users.choose': 'Välj…',
  'users.error': 'Något gick fel: {message}',
  'method.PASSWORD': 'lösenord',
  'method.OIDC': 'kommunens inloggning',
  'role.STAFF': 'Personal',
  'role.UNIT_MANAGER': 'Enhetschef',
  'role.QUALITY_COORDINATOR': 'Kvalitetsutvecklare',
  'role.ADMIN': 'Administratör',
  'role.none': 'Ingen roll',
  'source.ADMIN': 'satt av administratör',
  'source.MAPPING': 'från rollmappningen',
  'mappings.title': 'Rollmappning',
  'mappings.intro':
    'Vid inloggning via kommunens inloggning jämförs värdena i ett anspråk (t.ex. groups eller roles) med tabellen. Matchar flera rader får personen den mest omfattande rollen (administratör före kvalitetsutvecklare före enhetschef före personal), vid lika roll den rad vars värde kommer först i bokstavsordning. Matchar ingen rad behåller personen en roll som en administratör gett, men förlorar en roll som kom från tabellen.',
  'mappings.settings': 'Inställningar',
  'mappings.claim': 'Anspråk med grupper eller roller',
  'mappings.autoCreate': 'Skapa konto vid första inloggningen (personen väntar på roll om ingen rad matchar)',
  'mappings.saveSettings': 'Spara inställningar',
  'mappings.settingsSaved': 'Inställningarna är sparade.',
  'mappings.rows': 'Mappningar',
  'mappings.none': 'Inga mappningar än.',
  'mappings.claimValue': 'Värde i anspråket (grupp- eller roll-id)',
  'mappings.add': 'Lägg till mappning',
  'mappings.added': 'Mappningen är tillagd.',
  'mappings.remove': 'Ta bort',
  'mappings.removeLabel': 'Ta bort mappningen {value}',
  'mappings.removed': 'Mappningen är borttagen.',
  'sessions.title': 'Mina sessioner',
  'sessions.intro': 'Enheter där du är inloggad. Avsluta en session du inte känner igen eller en enhet du inte längre använder; den loggas ut direkt.',
  'sessions.none': 'Inga andra sessioner.',
  'sessions.current': 'Den här enheten',
  'sessions.unknownDevice': 'Okänd enhet',
  'sessions.device': '{browser} på {system}',
  'sessions.started': 'Inloggad {time} med {method}',
  'sessions.lastUsed': 'Senast använd {time}',
  'sessions.end': 'Avsluta',
  'sessions.endLabel': 'Avsluta sessionen på {device}, senast använd {time}',
  'sessions.ended': 'Sessionen är avslutad.',
  'sessions.error': 'Något gick fel: {message}',
} as const;

type Key = keyof typeof sv;

const en: Record<Key, string> = {
  'users.title': 'Users',
  'users.intro':
    "Every account of the municipality, with its last sign-in. Accounts unused for 90 days are flagged: deactivate those no longer needed. A person who signed in through the municipality's sign-in without getting a role waits here until you give one.",
  'users.awaiting': 'Awaiting a role',
  'users.noneAwaiting': 'No one is waiting for a role.',
  'users.all': 'All users',
  'users.role': 'Role',
  'users.unit': 'Unit',
  'users.administration': 'Administration',
  'users.lastSignIn': 'Last signed in',
  'users.never': 'never',
  'users.dormant': 'Unused for 90 days',
  'users.inactive': 'Deactivated',
  'users.assign': 'Give a role',
  'users.assignLabel': 'Give a role: {name}',
  'users.save': 'Save role',
  'users.cancel': 'Cancel',
  'users.saved': "The role is saved. The user's sessions have ended.",
  'users.deactivate': 'Deactivate',
  'users.deactivateLabel': 'Deactivate {name}',
  'users.reactivate': 'Reactivate',
  'users.reactivateLabel': 'Reactivate {name}',
  'users.deactivated': '{name} is deactivated and every session has ended.',
  'users.reactivated': '{name} can sign in again.',
  'users.choose': 'Choose…',
  'users.error': 'Something went wrong: {message}',
  'method.PASSWORD': 'password',
  'method.OIDC': "the municipality's sign-in",
  'role.STAFF': 'Staff',
  'role.UNIT_MANAGER': 'Unit manager',
  'role.QUALITY_COORDINATOR': 'Quality coordinator',
  'role.ADMIN': 'Administrator',
  'role.none': 'No role',
  'source.ADMIN': 'set by an administrator',
  'source.MAPPING': 'from the role mapping',
  'mappings.title': 'Role mapping',
  'mappings.intro':
    "At a sign-in through the municipality's sign-in, the values of a claim (e.g. groups or roles) are compared with this table. When several rows match, the person gets the most far-reaching role (administrator before quality coordinator before unit manager before staff); between equal roles, the row whose value comes first in code-point order. When no row matches, a role an administrator gave stays, and a role that came from the table goes.",
  'mappings.settings': 'Settings',
  'mappings.claim': 'Claim with groups or roles',
  'mappings.autoCreate': 'Create an account at the first sign-in (the person awaits a role when no row matches)',
  'mappings.saveSettings': 'Save settings',
  'mappings.settingsSaved': 'The settings are saved.',
  'mappings.rows': 'Mappings',
  'mappings.none': 'No mappings yet.',
  'mappings.claimValue': 'Value in the claim (group or role id)',
  'mappings.add': 'Add mapping',
  'mappings.added': 'The mapping is added.',
  'mappings.remove': 'Remove',
  'mappings.removeLabel': 'Remove the mapping {value}',
  'mappings.removed': 'The mapping is removed.',
  'sessions.title': 'My sessions',
  'sessions.intro': 'Devices where you are signed in. End a session you do not recognise or a device you no longer use; it is signed out at once.',
  'sessions.none': 'No other sessions.',
  'sessions.current': 'This device',
  'sessions.unknownDevice': 'Unknown device',
  'sessions.device': '{browser} on {system}',
  'sessions.started': 'Signed in {time} with {method}',
  'sessions.lastUsed': 'Last used {time}',
  'sessions.end': 'End',
  'sessions.endLabel': 'End the session on {device}, last used {time}',
  'sessions.ended': 'The session has ended.',
  'sessions.error': 'Something went wrong: {message}',
};

export const USER_MESSAGES = { sv, en };
export type UserTextKey = Key;

/** The screens' own `t`, in the app's current language. */
export function useUserText(): { t: (key: Key, params?: Record<string, string | number>) => string; locale: 'sv' | 'en' } {
  const { locale } = useI18n();
  const t = useCallback(
    (key: Key, params: Record<string, string | number> = {}) =>
      USER_MESSAGES[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)),
    [locale],
  );
  return { t, locale };
}
