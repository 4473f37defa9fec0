import type { UiNode } from '../flows/screen.ts';
import { button, input, message, text } from './nodes.ts';

/**
 * "Signing in as a@b.c" plus a hidden username field (so password managers file the password
 * under the right account) and a "Use another email" button.
 */
export function identityNodes(identifier: string | undefined): UiNode[] {
  const email = identifier ?? '';
  return [
    text('identifier', message('text.signingInAs', { email })),
    input('identifier', {
      name: 'email',
      inputType: 'hidden',
      label: 'label.email',
      value: email,
      autocomplete: 'username',
    }),
  ];
}

export const anotherEmailButton = () =>
  button('navigation', 'identifier.change', 'button.useAnotherEmail', 'link');
