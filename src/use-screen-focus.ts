/**
 * After the JSON API sends a new screen, move focus where a person needs it, and update the
 * document title, as a page load would: the first field with an error; else, when the form as a
 * whole was refused ("The email or password is incorrect."), its first field, so they can try
 * again while the alert is announced; else the heading.
 */
import { useEffect } from 'react';

export function useScreenFocus(screenCount: number, title: string): void {
  useEffect(() => {
    if (screenCount === 0) return; // the first screen came with the page: autofocus handles it
    document.title = title;
    const form = document.querySelector<HTMLElement>('.portico-form');
    const refused = document.querySelector('.portico-messages[role="alert"] .portico-message') !== null;
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      (refused ? form?.querySelector<HTMLElement>('input:not([type="hidden"])') : null) ??
      document.getElementById('portico-heading');
    target?.focus();
  }, [screenCount, title]);
}
