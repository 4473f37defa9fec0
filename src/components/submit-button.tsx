/**
 * A submit button: `name="intent"` carries what it means in both the plain form POST and the
 * JSON API. While busy it is `aria-disabled` rather than `disabled`, so it keeps keyboard focus.
 */
import { useMessage } from '../use-message.ts';
import type { ButtonProps } from './component-props.ts';
import { Spinner } from './icons.tsx';
import { splitMarked } from './marked-label.ts';

export function SubmitButton({ node, busy, pending }: ButtonProps) {
  const text = useMessage();
  const a = node.attributes;
  const label = text(a.label);
  const parts = splitMarked(label);
  return (
    <button
      type="submit"
      name="intent"
      value={a.intent}
      formNoValidate={a.formNoValidate}
      className={`portico-button portico-button--${a.variant}`}
      aria-disabled={busy || undefined}
      data-pending={pending || undefined}
    >
      {pending && <Spinner />}
      {parts ? (
        // One inline span, so the sentence wraps as text and keeps its ordinary space.
        <span>
          {parts.lead && <span className="portico-link__lead">{parts.lead}</span>}
          <span className="portico-link__action">{parts.action}</span>
          {parts.rest}
        </span>
      ) : (
        <span>{label}</span>
      )}
    </button>
  );
}
