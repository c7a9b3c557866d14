import { useI18n } from '../i18n/i18n.js';

/** Switches between Swedish and English; its own text is in the other language, and says so. */
export function LanguageButton() {
  const { t, locale, setLocale } = useI18n();
  return (
    <button type="button" className="link-button" lang={locale === 'sv' ? 'en' : 'sv'} onClick={() => setLocale(locale === 'sv' ? 'en' : 'sv')}>
      {t('lang.switch')}
    </button>
  );
}
