/**
 * After the JSON API sends a new screen, move focus where a person needs it (the first field with
 * an error, else the heading) and update the document title, as a page load would.
 */
import { useEffect } from 'react';

export function useScreenFocus(screenCount: number, title: string): void {
  useEffect(() => {
    if (screenCount === 0) return; // the first screen came with the page: autofocus handles it
    document.title = title;
    const target =
      document.querySelector<HTMLElement>('.portico-form [aria-invalid="true"]') ??
      document.getElementById('portico-heading');
    target?.focus();
  }, [screenCount, title]);
}
