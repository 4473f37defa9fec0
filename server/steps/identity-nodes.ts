import { SECOND_FACTORS } from '../factors/account-facts.ts';
import type { FlowContext } from '../flows/flow-context.ts';
import type { UiNode } from '../flows/screen.ts';
import type { CredentialType } from '../store/index.ts';
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

/** "Use another email", where the journey's state lets the person go back (`identifier.change`). */
export const anotherEmailButton = (handles: ReadonlySet<string>) =>
  handles.has('identifier.change')
    ? [button('navigation', 'identifier.change', 'button.useAnotherEmail', 'link')]
    : [];

/** The ways to prove oneself a "Try another way" screen may offer, by the step that leads to it. */
const FIRST_FACTORS: readonly CredentialType[] = ['password', 'passkey'];
const SECOND_WAYS: readonly CredentialType[] = [...SECOND_FACTORS, 'recovery-code'];

/**
 * "Try another way", where the journey offers a choice (`factor.choose`) and the account holds at
 * least one other way of the same kind (first or second factor) to choose: never a dead end.
 */
export function anotherWayButton(
  handles: ReadonlySet<string>,
  context: FlowContext,
  kind: 'first' | 'second' = 'second',
) {
  const ways = kind === 'first' ? FIRST_FACTORS : SECOND_WAYS;
  const held = ways.filter((way) => context.account?.factors.includes(way)).length;
  return handles.has('factor.choose') && held >= 2
    ? [button('navigation', 'factor.choose', 'button.anotherWay', 'link')]
    : [];
}

/**
 * "Forgot password?" or "Lost your passkey?", where the journey hands the sign-in to the recovery
 * journey (`recovery.start`).
 */
export const recoveryButton = (handles: ReadonlySet<string>, label: string) =>
  handles.has('recovery.start') ? [button('navigation', 'recovery.start', label, 'link')] : [];

/** "I've lost access", where a recovery falls back to a cooling-off hold (`factor.lost`). */
export const lostFactorsButton = (handles: ReadonlySet<string>) =>
  handles.has('factor.lost') ? [button('navigation', 'factor.lost', 'button.lostFactors', 'link')] : [];

/** The navigation intents every step may answer by sending the event of the same name. */
export const NAVIGATION_INTENTS = [
  'identifier.change',
  'factor.choose',
  'recovery.start',
  'factor.lost',
] as const;

/** The event for a navigation button the state handles (`identifier.change`, `factor.choose`), if that is what was pressed. */
export function navigationEvent(intent: string, handles: ReadonlySet<string>): { type: string } | undefined {
  return (NAVIGATION_INTENTS as readonly string[]).includes(intent) && handles.has(intent)
    ? { type: intent }
    : undefined;
}
