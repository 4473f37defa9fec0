/**
 * What people can change on `/account`. Each task is an authorization request with `portico_task`,
 * run as a journey (journeys/task-*.json, picked in bindings.json `tasks`), after a step-up that
 * makes the sign-in recent (`max_age`) and, for an account with a second factor, multi-factor.
 */
export const ACCOUNT_TASKS = [
  'add-passkey',
  'remove-passkey',
  'setup-totp',
  'remove-totp',
  'email-codes-on',
  'email-codes-off',
  'new-recovery-codes',
  'change-password',
] as const;

export type AccountTask = (typeof ACCOUNT_TASKS)[number];

export const isAccountTask = (value: string): value is AccountTask =>
  (ACCOUNT_TASKS as readonly string[]).includes(value);

/** Tasks that act on one credential, named by `portico_target`. */
export const TARGETED_TASKS: ReadonlySet<AccountTask> = new Set(['remove-passkey']);
