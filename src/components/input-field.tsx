/**
 * A labelled input with its hint and errors, linked by `aria-describedby`. A `readOnly` one holds
 * text to copy as is (a TOTP setup key): monospace, with a Copy button once hydrated.
 */
import { useId, useState } from 'react';
import { usePage } from '../page-context.tsx';
import { useMessage } from '../use-message.ts';
import type { InputProps } from './component-props.ts';
import { CopyButton } from './copy-button.tsx';
import { AlertIcon } from './icons.tsx';
import { PasswordToggle } from './password-toggle.tsx';

export function InputField({ node, field, errors }: InputProps) {
  const text = useMessage();
  const { hydrated } = usePage();
  const id = useId();
  const [revealed, setRevealed] = useState(false);
  const a = node.attributes;
  if (a.inputType === 'hidden') return <input type="hidden" defaultValue={a.value} {...field} />;

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = errors.length > 0;
  const describedBy = [invalid && errorId, a.hint && hintId].filter(Boolean).join(' ') || undefined;
  const isPassword = a.inputType === 'password';
  const verbatim = a.readOnly === true;
  const values = { min: a.minLength ?? '', max: a.maxLength ?? '' };

  return (
    <div className={`portico-field portico-field--${node.group}`}>
      <label className="portico-label" htmlFor={id}>
        {text(a.label)}
      </label>
      <div className="portico-control">
        <input
          id={id}
          className={verbatim ? 'portico-input portico-input--verbatim' : 'portico-input'}
          type={isPassword && revealed ? 'text' : a.inputType}
          defaultValue={a.value}
          readOnly={verbatim || undefined}
          required={verbatim ? undefined : a.required}
          autoComplete={a.autocomplete}
          inputMode={a.inputMode}
          minLength={a.minLength}
          maxLength={a.maxLength}
          pattern={a.pattern}
          // biome-ignore lint/a11y/noAutofocus: the server asks for it on the one field a step is about.
          autoFocus={a.autofocus}
          spellCheck={a.inputType === 'email' || isPassword || verbatim ? false : undefined}
          autoCapitalize={a.inputType === 'email' || verbatim ? 'none' : undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          {...field}
        />
        {isPassword && hydrated && (
          <PasswordToggle controls={id} revealed={revealed} onToggle={() => setRevealed((r) => !r)} />
        )}
      </div>
      {verbatim && <CopyButton text={() => a.value ?? ''} label="button.copy" targetId={id} />}
      {invalid && (
        <div id={errorId} className="portico-field-error" role="alert">
          <AlertIcon />
          <p>{errors.map((e) => text({ ...e, values: { ...values, ...e.values } })).join(' ')}</p>
        </div>
      )}
      {a.hint && (
        <p id={hintId} className="portico-hint">
          {text({ id: a.hint, type: 'info', values })}
        </p>
      )}
    </div>
  );
}
