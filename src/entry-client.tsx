/**
 * Hydrates the server-rendered page with the props the server embedded in `#portico-props` and the
 * messages of its language, a file the page names in `data-messages` (cached by the browser). When
 * that file cannot be had, the page stays as the server drew it: its forms work without script.
 */

import { hydrateRoot } from 'react-dom/client';
import type { PageProps } from '../server/flows/screen.ts';
import { App } from './app.tsx';
import { addMessages, type Messages } from './i18n.ts';
import './styles/index.ts';

async function hydrate(): Promise<void> {
  const propsElement = document.getElementById('portico-props');
  const root = document.getElementById('root');
  if (!propsElement?.textContent || !root) return;
  const props = JSON.parse(propsElement.textContent) as PageProps;
  // The page's language only (the bundle carries no locale file).
  const messagesUrl = document.body.dataset.messages;
  if (messagesUrl) {
    const messages = await fetch(messagesUrl)
      .then((response) => (response.ok ? (response.json() as Promise<Messages>) : undefined))
      .catch(() => undefined);
    if (!messages) return;
    addMessages(props.locale, messages);
  }
  hydrateRoot(root, <App {...props} />);
}

void hydrate();
