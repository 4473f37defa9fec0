/** What every component may need besides its node: the current screen and the brand. */

import { createContext, useContext } from 'react';
import type { PageProps, Screen } from '../server/flows/screen.ts';
import type { FieldValues } from './form/submit-flow.ts';

export interface PageContextValue {
  screen: Screen;
  brand: PageProps['brand'];
  /** True once React has hydrated: controls that only work with JavaScript render from then on. */
  hydrated: boolean;
  /** True while a submit is in flight. */
  busy: boolean;
  /** The intent of the button whose submit is in flight. */
  pendingIntent: string | null;
  /**
   * Submits the step with `fields` and `intent`, as the form does. For nodes that answer without a
   * submit button (a passkey ceremony); one request at a time, so it does nothing while `busy`.
   */
  submit: (fields: FieldValues, intent: string) => void;
}

export const PageContext = createContext<PageContextValue | null>(null);

/** The current page; throws outside `<App>`, where it would be a wiring mistake. */
export function usePage(): PageContextValue {
  const value = useContext(PageContext);
  if (!value) throw new Error('usePage() must be used inside <App>.');
  return value;
}
