/**
 * "Copy" for text a person must carry elsewhere (a TOTP setup key, recovery codes). Drawn only after
 * hydration. Where the Clipboard API is missing (a page not served over HTTPS), it selects the text
 * instead, so Ctrl+C or the system menu copies it. "Copied" is said in a live region that is in the
 * DOM before it changes, so screen readers announce it.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePage } from '../page-context.tsx';
import { CheckIcon, CopyIcon } from './icons.tsx';

interface CopyButtonProps {
  /** The text to copy, read when clicked. */
  text: () => string;
  /** The button's message id (`button.copy`, `button.copyCodes`). */
  label: string;
  /** The element holding the text: selected when the clipboard cannot be written. */
  targetId: string;
}

/** Selects the target's text: all of an input's value, or all of an element's content. */
function select(targetId: string): void {
  const target = document.getElementById(targetId);
  if (target instanceof HTMLInputElement) {
    target.focus();
    target.select();
  } else if (target) {
    window.getSelection()?.selectAllChildren(target);
  }
}

export function CopyButton({ text, label, targetId }: CopyButtonProps) {
  const { t } = useTranslation();
  const { hydrated } = usePage();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 4000);
    return () => clearTimeout(timer);
  }, [copied]);

  if (!hydrated) return null;
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text());
      setCopied(true);
    } catch {
      select(targetId);
    }
  };
  return (
    <div className="portico-copy">
      <button type="button" className="portico-copy__button" onClick={() => void copy()}>
        {copied ? <CheckIcon /> : <CopyIcon />}
        <span>{t(label)}</span>
      </button>
      <span className="portico-copy__status" role="status">
        {copied ? t('info.copied') : ''}
      </span>
    </div>
  );
}
