import type { UiButtonNode, UiInputNode, UiMessage, UiNodeGroup, UiTextNode } from '../flows/screen.ts';

/** Small builders so every step describes its form the same way. */

export const message = (
  id: string,
  values?: UiMessage['values'],
  type: UiMessage['type'] = 'info',
): UiMessage => (values ? { id, type, values } : { id, type });

export const errorMessage = (id: string, values?: UiMessage['values']): UiMessage =>
  message(id, values, 'error');

export function input(group: UiNodeGroup, attributes: UiInputNode['attributes']): UiInputNode {
  return { type: 'input', group, attributes, messages: [] };
}

export function emailInput(opts: { autocomplete: string; value?: string }): UiInputNode {
  return input('identifier', {
    name: 'email',
    inputType: 'email',
    label: 'label.email',
    required: true,
    autocomplete: opts.autocomplete,
    inputMode: 'email',
    maxLength: 254,
    autofocus: true,
    ...(opts.value ? { value: opts.value } : {}),
  });
}

export function button(
  group: UiNodeGroup,
  intent: string,
  label: string,
  variant: UiButtonNode['attributes']['variant'] = 'primary',
): UiButtonNode {
  return {
    type: 'button',
    group,
    attributes: { intent, label, variant, ...(variant === 'primary' ? {} : { formNoValidate: true }) },
    messages: [],
  };
}

export function text(group: UiNodeGroup, content: UiMessage): UiTextNode {
  return { type: 'text', group, attributes: { text: content }, messages: [] };
}

/** A button that leads to a passkey ceremony: useless without JavaScript, so drawn only after hydration. */
export function scriptButton(...args: Parameters<typeof button>): UiButtonNode {
  const node = button(...args);
  return { ...node, attributes: { ...node.attributes, needsScript: true } };
}

/** Text the person copies (a TOTP secret, a recovery code), kept exactly as is. */
export const verbatim = (value: string) => message('text.verbatim', { text: value });
