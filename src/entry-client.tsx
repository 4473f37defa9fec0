/** Hydrates the server-rendered page with the props the server embedded in `#portico-props`. */

import { hydrateRoot } from 'react-dom/client';
import type { PageProps } from '../server/flows/screen.ts';
import { App } from './app.tsx';
import './styles/tokens.css';
import './styles/base.css';
import './styles/card.css';
import './styles/fields.css';
import './styles/buttons.css';
import './styles/messages.css';

const propsElement = document.getElementById('portico-props');
const root = document.getElementById('root');
if (propsElement?.textContent && root) {
  const props = JSON.parse(propsElement.textContent) as PageProps;
  hydrateRoot(root, <App {...props} />);
}
