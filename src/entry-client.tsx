/** Hydrates the server-rendered page with the props the server embedded in `#portico-props`. */

import { hydrateRoot } from 'react-dom/client';
import type { PageProps } from '../server/flows/screen.ts';
import { App } from './app.tsx';
import { addMessages, type Messages } from './i18n.ts';
import './styles/index.ts';

const propsElement = document.getElementById('portico-props');
const messagesElement = document.getElementById('portico-messages');
const root = document.getElementById('root');
if (propsElement?.textContent && root) {
  const props = JSON.parse(propsElement.textContent) as PageProps;
  // The page's language only, embedded by the server (the bundle carries no locale file).
  if (messagesElement?.textContent)
    addMessages(props.locale, JSON.parse(messagesElement.textContent) as Messages);
  hydrateRoot(root, <App {...props} />);
}
