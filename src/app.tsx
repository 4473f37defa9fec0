/** The login page: one screen of a flow, translated, themed, and submitted step by step. */

import { useEffect, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { PageProps } from '../server/flows/screen.ts';
import { i18nWithCopy } from './brand-i18n.ts';
import { ComponentsContext } from './components/components-context.tsx';
import { defaultComponents, type PorticoComponents } from './components/default-components.ts';
import { documentTitle } from './document-title.ts';
import { useFlowSubmit } from './form/use-flow-submit.ts';
import { PageContext } from './page-context.tsx';
import { ScreenView } from './renderer/screen-view.tsx';
import { textDirection } from './text-direction.ts';
import { useScreenFocus } from './use-screen-focus.ts';

export interface AppProps extends PageProps {
  /** A theme's replacements for some of the default components. */
  components?: Partial<PorticoComponents>;
}

function FlowPage({
  screen: initial,
  brand,
  dir,
}: Pick<PageProps, 'screen' | 'brand'> & { dir: 'ltr' | 'rtl' }) {
  const flow = useFlowSubmit(initial);
  const { t } = useTranslation();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  useScreenFocus(flow.screenCount, documentTitle(t, flow.screen, brand));

  const page = useMemo(
    () => ({
      screen: flow.screen,
      brand,
      hydrated,
      busy: flow.busy,
      pendingIntent: flow.pendingIntent,
      submit: flow.submit,
    }),
    [flow.screen, brand, hydrated, flow.busy, flow.pendingIntent, flow.submit],
  );
  return (
    <PageContext.Provider value={page}>
      <ScreenView dir={dir} error={flow.error} onSubmit={flow.submit} />
    </PageContext.Provider>
  );
}

export function App({ screen, locale, brand, components }: AppProps) {
  const i18n = useMemo(() => i18nWithCopy(locale, brand.copy), [locale, brand.copy]);
  const map = useMemo(() => ({ ...defaultComponents, ...components }), [components]);
  return (
    <I18nextProvider i18n={i18n}>
      <ComponentsContext.Provider value={map}>
        <FlowPage screen={screen} brand={brand} dir={textDirection(locale)} />
      </ComponentsContext.Provider>
    </I18nextProvider>
  );
}
