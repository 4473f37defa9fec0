/**
 * The language picker in the page footer: a labelled `<select>` and a button in a plain GET form, so it
 * works without JavaScript. `/locale` remembers the choice in a cookie and brings the browser back to
 * this step, drawn in the new language. It submits only on the button: a page that changed under a
 * person still choosing would be a change of context they did not ask for (WCAG 3.2.2).
 */
import { useTranslation } from 'react-i18next';
import { usePage } from '../page-context.tsx';

/**
 * The languages offered, each named in itself (an autonym is the same in every locale, so it is no
 * message id). Same tags and order as `SUPPORTED_LOCALES` in `server/http/locale.ts`.
 */
export const LANGUAGES: readonly { tag: string; name: string }[] = [
  { tag: 'en', name: 'English' },
  { tag: 'fr', name: 'Français' },
  { tag: 'de', name: 'Deutsch' },
  { tag: 'es', name: 'Español' },
  { tag: 'pt-BR', name: 'Português (Brasil)' },
  { tag: 'it', name: 'Italiano' },
  { tag: 'nl', name: 'Nederlands' },
  { tag: 'pl', name: 'Polski' },
  { tag: 'ja', name: '日本語' },
  { tag: 'zh-CN', name: '简体中文' },
  { tag: 'ar', name: 'العربية' },
  { tag: 'he', name: 'עברית' },
];

/** The picker; nothing on the error step, which has no step to come back to. */
export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  const { screen } = usePage();
  const back = screen.flow.action;
  if (!back || screen.step === 'error') return null;
  return (
    <form className="portico-language" method="get" action="/locale">
      <input type="hidden" name="return" value={back} />
      <label className="portico-language__label" htmlFor="portico-language">
        {t('ui.language')}
      </label>
      <select
        id="portico-language"
        className="portico-language__select"
        name="locale"
        defaultValue={i18n.language}
      >
        {LANGUAGES.map((language) => (
          <option key={language.tag} value={language.tag} lang={language.tag}>
            {language.name}
          </option>
        ))}
      </select>
      <button className="portico-language__apply" type="submit">
        {t('ui.changeLanguage')}
      </button>
    </form>
  );
}
