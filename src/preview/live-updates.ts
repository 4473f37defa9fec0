/**
 * Listens to `/preview/events`: a changed theme brings its new CSS and copy, a changed locale file
 * its new messages. The page applies them without a reload.
 */
import type { PageProps } from '../../server/flows/screen.ts';

export interface ThemeUpdate {
  id: string;
  name: string;
  layout: NonNullable<PageProps['brand']['layout']>;
  css: string;
  copy: Record<string, string>;
  logo: string;
}

export interface MessagesUpdate {
  locale: string;
  messages: Record<string, unknown>;
}

/** Subscribes; returns a function that closes the stream. */
export function listenForChanges(
  brand: string,
  locale: string,
  scheme: string,
  on: { theme: (t: ThemeUpdate) => void; messages: (m: MessagesUpdate) => void },
): () => void {
  const source = new EventSource(`/preview/events?${new URLSearchParams({ brand, locale, scheme })}`);
  source.addEventListener('theme', (e) =>
    on.theme(JSON.parse((e as MessageEvent<string>).data) as ThemeUpdate),
  );
  source.addEventListener('messages', (e) =>
    on.messages(JSON.parse((e as MessageEvent<string>).data) as MessagesUpdate),
  );
  return () => source.close();
}
