import { useCatalogue, type CatalogueText } from '../../i18n/catalogue.js';

/* The security screen's text, Swedish first, in the lazily loaded chunk with the screen; a key missing in English is a type error. */
const sv = {
  'security.title': 'Säkerhet',
  'security.intro': 'Tvåstegsverifiering: efter lösenordet bekräftar du inloggningen med en nyckel (passkey) eller en kod från en autentiseringsapp.',
  'security.required': 'Kommunen kräver tvåstegsverifiering. Den sista faktorn kan inte tas bort; be en administratör om du har tappat bort den.',
  'security.passkeys': 'Nycklar (passkeys)',
  'security.noPasskeys': 'Inga nycklar ännu.',
  'security.created': 'Tillagd {date}',
  'security.lastUsed': 'senast använd {date}',
  'security.backedUp': 'säkerhetskopierad',
  'security.remove': 'Ta bort {label}',
  'security.label': 'Namn på nyckeln',
  'security.labelDefault': 'Min nyckel',
  'security.addPasskey': 'Lägg till nyckel',
  'security.added': 'Nyckeln är tillagd.',
  'security.removed': 'Borttagen.',
  'security.totp': 'Autentiseringsapp',
  'security.totpOn': 'På: inloggningen frågar efter en kod från appen.',
  'security.totpOff': 'Av.',
  'security.totpStart': 'Slå på',
  'security.totpStop': 'Slå av',
  'security.secretIntro': 'Lägg till kontot i appen med nyckeln nedan (eller länken) och skriv koden som appen visar. Nyckeln visas bara nu.',
  'security.secret': 'Nyckel',
  'security.openApp': 'Öppna i autentiseringsappen',
  'security.code': 'Kod (6 siffror)',
  'security.confirm': 'Bekräfta',
  'security.totpEnabled': 'Autentiseringsappen är påslagen.',
  'security.policy': 'Kommunens regel',
  'security.policyRequire': 'Kräv tvåstegsverifiering för alla lokala konton',
  'security.policyHint': 'Den som saknar en andra faktor får lägga till en vid nästa inloggning, innan hen kommer in.',
  'security.failed': 'Det gick inte: {message}',
} as const;

type Key = keyof typeof sv;

const en: Record<Key, string> = {
  'security.title': 'Security',
  'security.intro': 'Two-step verification: after the password you confirm the sign-in with a passkey or a code from an authenticator app.',
  'security.required': 'The municipality requires two-step verification. The last factor cannot be removed; ask an admin if you have lost it.',
  'security.passkeys': 'Passkeys',
  'security.noPasskeys': 'No passkeys yet.',
  'security.created': 'Added {date}',
  'security.lastUsed': 'last used {date}',
  'security.backedUp': 'backed up',
  'security.remove': 'Remove {label}',
  'security.label': 'Name of the passkey',
  'security.labelDefault': 'My passkey',
  'security.addPasskey': 'Add a passkey',
  'security.added': 'The passkey was added.',
  'security.removed': 'Removed.',
  'security.totp': 'Authenticator app',
  'security.totpOn': 'On: signing in asks for a code from the app.',
  'security.totpOff': 'Off.',
  'security.totpStart': 'Turn on',
  'security.totpStop': 'Turn off',
  'security.secretIntro': 'Add the account to the app with the key below (or the link) and type the code the app shows. The key is shown only now.',
  'security.secret': 'Key',
  'security.openApp': 'Open in the authenticator app',
  'security.code': 'Code (6 digits)',
  'security.confirm': 'Confirm',
  'security.totpEnabled': 'The authenticator app is on.',
  'security.policy': "The municipality's rule",
  'security.policyRequire': 'Require two-step verification of every local account',
  'security.policyHint': 'Whoever has no second factor adds one at their next sign-in, before getting in.',
  'security.failed': 'That did not work: {message}',
};

export const SECURITY_MESSAGES = { sv, en };

/** The screen's own `t`, in the app's current language. */
export function useSecurityText(): { t: CatalogueText<Key>; locale: 'sv' | 'en' } {
  return useCatalogue(SECURITY_MESSAGES);
}
