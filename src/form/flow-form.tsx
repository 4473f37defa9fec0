/**
 * The step's `<form>`. Without JavaScript it is a plain POST to `flow.action` (the server answers
 * with a redirect). Once hydrated, it validates its fields with localized messages (`use-flow-fields.ts`)
 * and they go to the JSON API instead; the button that was clicked decides the `intent`.
 */

import { type FormEvent, type ReactNode, useMemo } from 'react';
import type { UiInputNode } from '../../server/flows/screen.ts';
import { usePage } from '../page-context.tsx';
import type { FieldValues } from './submit-flow.ts';
import { FlowFieldsContext, useFlowFieldsState } from './use-flow-fields.ts';
import { PLATFORM_AUTHENTICATOR_FIELD, usePlatformAuthenticatorField } from './use-platform-authenticator.ts';

interface FlowFormProps {
  onSubmit: (fields: FieldValues, intent: string) => void;
  children: ReactNode;
}

/** The intent Enter submits with: the first primary button's, as the browser would pick it. */
function defaultIntent(nodes: ReturnType<typeof usePage>['screen']['nodes']): string {
  const buttons = nodes.flatMap((n) => (n.type === 'button' ? [n] : []));
  return (
    (buttons.find((b) => b.attributes.variant === 'primary') ?? buttons[0])?.attributes.intent ?? 'submit'
  );
}

export function FlowForm({ onSubmit, children }: FlowFormProps) {
  const { screen, hydrated, busy } = usePage();
  const inputs = screen.nodes.filter((n): n is UiInputNode => n.type === 'input');
  const initial = useMemo(
    () =>
      Object.fromEntries(
        screen.nodes.flatMap((n) =>
          n.type === 'input' ? [[n.attributes.name, n.attributes.value ?? '']] : [],
        ),
      ),
    [screen.nodes],
  );
  const fields = useFlowFieldsState(initial);
  usePlatformAuthenticatorField(
    inputs.some((n) => n.attributes.name === PLATFORM_AUTHENTICATOR_FIELD),
    hydrated,
    fields.setValue,
  );

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const intent =
      submitter instanceof HTMLButtonElement && submitter.name === 'intent'
        ? submitter.value
        : defaultIntent(screen.nodes);
    if (submitter instanceof HTMLButtonElement && submitter.formNoValidate) {
      fields.clearErrors();
      onSubmit(fields.getValues(), intent);
      return;
    }
    const values = fields.validate();
    if (values) onSubmit(values, intent);
  };

  return (
    <FlowFieldsContext.Provider value={fields}>
      <form
        className="portico-form"
        method="post"
        action={screen.flow.action}
        // After hydration our validation replaces the browser's, so messages are localized and styled.
        noValidate={hydrated}
        aria-busy={busy || undefined}
        aria-labelledby="portico-heading"
        onSubmit={handleSubmit}
      >
        <input type="hidden" name="csrf" value={screen.flow.csrf} />
        <input type="hidden" name="revision" value={screen.flow.revision} />
        {children}
      </form>
    </FlowFieldsContext.Provider>
  );
}
