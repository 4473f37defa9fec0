/**
 * Where each node goes on the card. Buttons are gathered under the fields, primary first: that is
 * the layout people expect, and it makes the primary button the one Enter submits with (the
 * browser's implicit submission uses the first submit button in the form).
 */
import type { UiButtonNode, UiNode } from '../../server/flows/screen.ts';

export interface ArrangedNodes {
  /** Texts, lists and inputs before the first button, in server order. */
  body: UiNode[];
  /** The form's buttons: primary, then secondary. */
  actions: UiButtonNode[];
  /** Texts, lists, inputs and passkey ceremonies after the first button, in server order. */
  after: UiNode[];
  /** Link-style buttons ("Use another email", "Create one"), under everything else in the form. */
  trailing: UiButtonNode[];
  /** Links to other pages, drawn under the form. */
  links: UiNode[];
}

const rank: Record<UiButtonNode['attributes']['variant'], number> = { primary: 0, secondary: 1, link: 2 };

export function arrangeNodes(nodes: UiNode[]): ArrangedNodes {
  const out: ArrangedNodes = { body: [], actions: [], after: [], trailing: [], links: [] };
  let buttons = 0;
  for (const node of nodes) {
    if (node.type === 'link') out.links.push(node);
    else if (node.type === 'button') {
      buttons++;
      (node.attributes.variant === 'link' ? out.trailing : out.actions).push(node);
    } else (buttons === 0 ? out.body : out.after).push(node);
  }
  out.actions.sort((a, b) => rank[a.attributes.variant] - rank[b.attributes.variant]);
  return out;
}

/**
 * Whether the first node after the buttons is a passkey ceremony: an alternative to them (sign in
 * with a passkey instead of "Continue"), which the page sets apart with an "or" divider.
 */
export function offersAlternative({ actions, after }: ArrangedNodes): boolean {
  return actions.length > 0 && after[0]?.type === 'webauthn';
}

/** A stable React key for a node. */
export function nodeKey(node: UiNode, index: number): string {
  switch (node.type) {
    case 'input':
      return `input:${node.attributes.name}`;
    case 'button':
      return `button:${node.attributes.intent}`;
    case 'link':
      return `link:${node.attributes.href}:${index}`;
    default:
      return `${node.type}:${index}`;
  }
}
