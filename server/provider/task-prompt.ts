import { interactionPolicy } from 'oidc-provider';
import { ACCOUNT_CLIENT_ID } from './clients.ts';

const { Check, Prompt } = interactionPolicy;

/**
 * The `task` prompt: the account page asks to change a sign-in method (`portico_task=add-passkey`).
 * It runs after `login`, so the `max_age` and `acr_values` the account page sends are met first (a
 * step-up when the sign-in is not recent or strong enough), and only the account page may ask.
 */
export const taskPrompt = () =>
  new Prompt(
    { name: 'task', requestable: false },
    new Check('task_requested', 'an account task was requested', 'interaction_required', (ctx) => {
      const { oidc } = ctx;
      const task = (oidc.params as { portico_task?: unknown }).portico_task;
      if (!task || oidc.client?.clientId !== ACCOUNT_CLIENT_ID) return Check.NO_NEED_TO_PROMPT;
      return (oidc.result as { task?: unknown } | undefined)?.task
        ? Check.NO_NEED_TO_PROMPT
        : Check.REQUEST_PROMPT;
    }),
  );
