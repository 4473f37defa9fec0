/**
 * "Sign in with a passkey": a `type="button"`, so it never submits the form (the ceremony's answer is
 * posted by the renderer), styled as the submit buttons of its variant. While busy it is
 * `aria-disabled` rather than `disabled`, like SubmitButton, so it keeps keyboard focus.
 */
import { useTranslation } from 'react-i18next';
import { useMessage } from '../use-message.ts';
import type { PasskeyProps } from './component-props.ts';
import { PasskeyIcon, Spinner } from './icons.tsx';

export function PasskeyButton({ node, busy, pending, divided, onStart }: PasskeyProps) {
  const text = useMessage();
  const { t } = useTranslation();
  const a = node.attributes;
  if (!a.label) return null;
  return (
    <>
      {divided && (
        <p className="portico-divider">
          <span>{t('ui.or')}</span>
        </p>
      )}
      <button
        type="button"
        className={`portico-button portico-button--${a.variant ?? 'secondary'}`}
        aria-disabled={busy || undefined}
        data-pending={pending || undefined}
        onClick={() => {
          if (!busy) onStart();
        }}
      >
        {pending ? <Spinner /> : <PasskeyIcon />}
        <span>{text(a.label)}</span>
      </button>
    </>
  );
}
