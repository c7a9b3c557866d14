import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n.js';

/**
 * Registers the service worker and shows "update available" when a new version is waiting. The new
 * version takes over only when the user taps Update, never in the middle of a review.
 */
export function UpdatePrompt() {
  const { t } = useI18n();
  const [update, setUpdate] = useState<((reload?: boolean) => Promise<void>) | null>(null);
  useEffect(() => {
    if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
    void import('virtual:pwa-register').then(({ registerSW }) => {
      const updateSW = registerSW({ onNeedRefresh: () => setUpdate(() => updateSW) });
    });
  }, []);
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
