import { useAsync } from '../../app/hooks.js';
import { useI18n } from '../../i18n/i18n.js';

export function HelpScreen() {
  const { t } = useI18n();
  const persisted = useAsync(async () => (await navigator.storage?.persisted?.()) ?? false, []);
  return (
    <section className="prose">
      <h1 tabIndex={-1}>{t('help.title')}</h1>
      <p>{t('help.offline')}</p>
      <p>{t('help.install')}</p>
      <p>{t('help.ios')}</p>
      <p>{t('help.sharedPhone')}</p>
      {persisted.status === 'ready' && <p>{t('help.storage', { state: persisted.value ? t('help.storage.persisted') : t('help.storage.notPersisted') })}</p>}
    </section>
  );
}
