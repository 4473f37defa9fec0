/** Server render of the login page; `server/page` puts the markup inside `<div id="root">`. */

import { renderToString } from 'react-dom/server';
import type { PageProps } from '../server/flows/screen.ts';
import { App } from './app.tsx';
import { documentTitle } from './document-title.ts';
import { i18nFor, type Messages } from './i18n.ts';
import { messagesFor } from './locale-bundles.ts';

/** The markup for one screen, ready to be hydrated by `entry-client.tsx` with the same props. */
export function render(props: PageProps): string {
  return renderToString(<App {...props} />);
}

/** The messages a page's browser fetches (its locale's only, so the bundle carries none). */
export function messages(locale: string): Messages {
  return messagesFor(locale);
}

/** The translated `<title>` for the screen, e.g. "Connexion · Portico". */
export function title(props: PageProps): string {
  return documentTitle(i18nFor(props.locale).t, props.screen, props.brand);
}
