/** The small print under the card. */
import { useTranslation } from 'react-i18next';
import { LockIcon } from './icons.tsx';

export function PageFooter({ dir }: { dir: 'ltr' | 'rtl' }) {
  const { t } = useTranslation();
  return (
    <footer className="portico-footer" dir={dir}>
      <LockIcon />
      <span>{t('ui.securedBy', { product: 'Portico' })}</span>
    </footer>
  );
}
