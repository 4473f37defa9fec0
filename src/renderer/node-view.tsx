/** The generic renderer: picks the component for a node from the component map. */

import { useFormContext } from 'react-hook-form';
import type { UiMessage, UiNode } from '../../server/flows/screen.ts';
import type { InputProps } from '../components/component-props.ts';
import { useComponents } from '../components/components-context.tsx';
import { fieldRules } from '../form/field-rules.ts';
import { usePage } from '../page-context.tsx';

function ConnectedInput({ node }: { node: InputProps['node'] }) {
  const { Input } = useComponents();
  const { register, formState } = useFormContext();
  const name = node.attributes.name;
  const clientError = formState.errors[name]?.message;
  const errors: UiMessage[] =
    typeof clientError === 'string' && clientError !== ''
      ? [{ id: clientError, type: 'error' }]
      : node.messages.filter((m) => m.type === 'error');
  return <Input node={node} field={register(name, fieldRules(node))} errors={errors} />;
}

export function NodeView({ node }: { node: UiNode }) {
  const components = useComponents();
  const { busy, pendingIntent } = usePage();
  switch (node.type) {
    case 'input':
      return <ConnectedInput node={node} />;
    case 'button':
      return <components.Button node={node} busy={busy} pending={pendingIntent === node.attributes.intent} />;
    case 'text':
      return <components.Text node={node} />;
    case 'link':
      return <components.Link node={node} />;
    case 'list':
      return <components.List node={node} />;
  }
}
