/**
 * The login page's react-i18next: `I18nextProvider` and `useTranslation` over `i18next-lite.ts`, which
 * both builds of the page use in its place (vite.config.ts).
 */
import { createContext, type ReactNode, useContext } from 'react';
import i18next, { type i18n } from './i18next-lite.ts';

const I18nContext = createContext<i18n>(i18next);

export function I18nextProvider({ i18n, children }: { i18n: i18n; children?: ReactNode }) {
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

export function useTranslation() {
  const i18n = useContext(I18nContext);
  return { t: i18n.t, i18n, ready: true };
}
