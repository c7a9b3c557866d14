import { useI18n } from '../i18n/i18n.js';
import { useStore } from './hooks.js';
import { updateStore } from './service-worker.js';

/** "Update available": the new version takes over only when the user taps Update, never mid-review. */
export function UpdatePrompt() {
  const { t } = useI18n();
  const update = useStore(updateStore);
  if (!update) return null;
  return (
    <div className="banner banner-info" role="status">
      <span>{t('update.available')}</span>
      <button type="button" className="button button-small" onClick={() => void update(true)}>
        {t('update.reload')}
      </button>
    </div>
  );
}
