import { useCallback } from 'react';
import { useI18n } from './i18n.js';

export type CatalogueText<K extends string> = (key: K, params?: Record<string, string | number>) => string;

/**
 * The `t` of a screen chunk's own catalogue (its texts load with the chunk, not on the login screen's path),
 * in the app's current language, with `{name}` filled from `params`.
 */
export function useCatalogue<K extends string>(messages: { sv: Record<K, string>; en: Record<K, string> }): { t: CatalogueText<K>; locale: 'sv' | 'en' } {
  const { locale } = useI18n();
  const t = useCallback<CatalogueText<K>>(
    (key, params = {}) => messages[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)),
    [locale, messages],
  );
  return { t, locale };
}
