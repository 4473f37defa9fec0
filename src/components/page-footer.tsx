/** The small print under the card, and the language picker. */
import { useTranslation } from 'react-i18next';
import { LockIcon } from './icons.tsx';
import { LanguagePicker } from './language-picker.tsx';

export function PageFooter({ dir }: { dir: 'ltr' | 'rtl' }) {
  const { t } = useTranslation();
  return (
    <footer className="portico-footer" dir={dir}>
      <span className="portico-footer__secured">
        <LockIcon />
        <span>{t('ui.securedBy', { product: 'Portico' })}</span>
      </span>
      <LanguagePicker />
    </footer>
  );
}
