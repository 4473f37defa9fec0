/** The document title for a screen, e.g. "Sign in · Portico": the same on the server and after a client-side step. */

import type { TFunction } from 'i18next';
import type { PageProps, Screen } from '../server/flows/screen.ts';

export function documentTitle(t: TFunction, screen: Screen, brand: PageProps['brand']): string {
  const heading = t(screen.title.id, {
    client: screen.client.name,
    brand: brand.name,
    ...screen.title.values,
  });
  return `${heading} · ${brand.name}`;
}
