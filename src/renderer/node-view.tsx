/**
 * The generic renderer: picks the component for a node from the component map. What depends on
 * JavaScript is decided here, not in the components: a `needsScript` button and a `webauthn` node
 * appear only once the page is hydrated, so a theme's components need not know.
 */

import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import type { UiMessage, UiNode } from '../../server/flows/screen.ts';
import type { InputProps } from '../components/component-props.ts';
import { useComponents } from '../components/components-context.tsx';
import { fieldRules } from '../form/field-rules.ts';
import { useFlowFields } from '../form/use-flow-fields.ts';
import { usePage } from '../page-context.tsx';
import { ChallengeView } from './challenge-view.tsx';
import { PasskeyView } from './passkey-view.tsx';

function ConnectedInput({ node }: { node: InputProps['node'] }) {
  const { Input } = useComponents();
  const { register, errors: checked } = useFlowFields();
  const name = node.attributes.name;
  const clientError = checked[name];
  const errors: UiMessage[] =
    typeof clientError === 'string' && clientError !== ''
      ? [{ id: clientError, type: 'error' }]
      : node.messages.filter((m) => m.type === 'error');
  return <Input node={node} field={register(name, fieldRules(node))} errors={errors} />;
}

interface NodeViewProps {
  node: UiNode;
  /** The node follows the form's buttons as an alternative to them ("or"). */
  divided?: boolean;
}

export function NodeView({ node, divided = false }: NodeViewProps) {
  const components = useComponents();
  const { busy, pendingIntent, hydrated } = usePage();
  switch (node.type) {
    case 'input':
      return <ConnectedInput node={node} />;
    case 'button':
      // It leads to a passkey ceremony: useless before hydration, and in a browser without WebAuthn.
      if (node.attributes.needsScript && !(hydrated && browserSupportsWebAuthn())) return null;
      return <components.Button node={node} busy={busy} pending={pendingIntent === node.attributes.intent} />;
    case 'text':
      return <components.Text node={node} />;
    case 'link':
      return <components.Link node={node} />;
    case 'list':
      return <components.List node={node} />;
    case 'image':
      return <components.Image node={node} />;
    case 'webauthn':
      return <PasskeyView node={node} divided={divided} />;
    case 'challenge':
      return <ChallengeView node={node} />;
  }
}
