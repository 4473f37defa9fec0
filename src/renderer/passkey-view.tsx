/**
 * The renderer's side of a `webauthn` node: it runs the ceremony (conditional autofill, autostart,
 * posting the outcome) and lets the theme's `Passkey` component draw the button. Nothing is drawn
 * on the server, before hydration, or where the browser has no WebAuthn: the button would do nothing.
 */
import type { UiWebAuthnNode } from '../../server/flows/screen.ts';
import { useComponents } from '../components/components-context.tsx';
import { usePasskeyCeremony } from '../passkeys/use-passkey-ceremony.ts';

export function PasskeyView({ node, divided }: { node: UiWebAuthnNode; divided: boolean }) {
  const { Passkey } = useComponents();
  const ceremony = usePasskeyCeremony(node);
  if (!ceremony.supported || !node.attributes.label) return null;
  return (
    <Passkey
      node={node}
      busy={ceremony.busy}
      pending={ceremony.pending}
      divided={divided}
      onStart={ceremony.start}
    />
  );
}
