/** Translates the server's `UiMessage`s, with the client and brand names always available. */

import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiMessage } from '../server/flows/screen.ts';
import { usePage } from './page-context.tsx';

/** Returns `(message) => text`: `{{client}}` and `{{brand}}` interpolate even when the server omits them. */
export function useMessage(): (message: UiMessage | string) => string {
  const { t } = useTranslation();
  const { screen, brand } = usePage();
  return useCallback(
    (message: UiMessage | string) => {
      const m = typeof message === 'string' ? { id: message, values: undefined } : message;
      return t(m.id, { client: screen.client.name, brand: brand.name, ...m.values });
    },
    [t, screen.client.name, brand.name],
  );
}
