import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '@hjulet/domain';
import { sv, type MessageKey } from './messages.sv.js';
import { en } from './messages.en.js';

/**
 * A message that depends on a number: one text per plural category of the language (CLDR, as
 * `Intl.PluralRules` names them), `other` always. Swedish and English use `one` and `other`.
 */
export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralMessage;

const catalogs: Record<Locale, Record<MessageKey, Message>> = { sv, en };
export const LOCALE_KEY = 'hjulet.locale';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** The text of a message for these parameters: a plural message picks its form by `count`. */
function textOf(locale: Locale, message: Message, params: Record<string, string | number>): string {
  if (typeof message === 'string') return message;
  const count = Number(params['count']);
  if (!Number.isFinite(count)) return message.other;
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return message[rules.select(count)] ?? message.other;
}

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return textOf(locale, catalogs[locale][key], params).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** The language the user chose on this device; Swedish until they choose (and when rendering at build time). */
export function initialLocale(): Locale {
  if (typeof localStorage === 'undefined') return 'sv';
  return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'sv';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(LOCALE_KEY, next);
    setLocaleState(next);
  }, []);
  // Also on start: index.html says lang="sv", and a screen reader picks its voice from it.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(() => ({ locale, setLocale, t: (key, params) => translate(locale, key, params) }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
