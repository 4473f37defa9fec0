/**
 * The props of each part of the page. A theme overrides a part by supplying a component with the
 * same props (see `default-components.ts`); the renderer decides what to draw, the parts how.
 */

import type { ReactNode } from 'react';
import type {
  PageProps,
  UiButtonNode,
  UiImageNode,
  UiInputNode,
  UiLinkNode,
  UiListNode,
  UiMessage,
  UiTextNode,
  UiWebAuthnNode,
} from '../../server/flows/screen.ts';
import type { FieldRegistration } from '../form/use-flow-fields.ts';

/** The page around the card: background, card, footer. */
export interface LayoutProps {
  dir: 'ltr' | 'rtl';
  /** `error` for the error step, which has no form. */
  tone: 'default' | 'error';
  children: ReactNode;
}

/** Logo, `<h1>` and subtitle. The heading must keep `id="portico-heading"` and `tabIndex={-1}` for focus. */
export interface HeaderProps {
  brand: PageProps['brand'];
  title: string;
  subtitle?: string;
  tone: 'default' | 'error';
}

/** Messages about the whole form: errors in `role="alert"`, the rest in `role="status"`. */
export interface MessagesProps {
  messages: UiMessage[];
}

export interface InputProps {
  node: UiInputNode;
  /** Spread onto the `<input>`: name, ref and the form's change handler. */
  field: FieldRegistration;
  /** Errors to show now (client-side validation first, else the server's). */
  errors: UiMessage[];
}

export interface ButtonProps {
  node: UiButtonNode;
  /** A submit is in flight: the button must not submit again. */
  busy: boolean;
  /** This is the button that started the submit in flight. */
  pending: boolean;
}

export interface TextProps {
  node: UiTextNode;
}

export interface LinkProps {
  node: UiLinkNode;
}

export interface ListProps {
  node: UiListNode;
}

/** An image the step needs (a QR code): its `alt` is a message id. */
export interface ImageProps {
  node: UiImageNode;
}

/**
 * The button that starts a passkey ceremony. It is drawn only once the page is hydrated and the
 * browser supports WebAuthn, and only when the node has a `label`; the renderer runs the ceremony.
 */
export interface PasskeyProps {
  node: UiWebAuthnNode;
  /** A ceremony or a submit is under way: clicking must do nothing (`aria-disabled`, not `disabled`). */
  busy: boolean;
  /** This button's ceremony, or the submit of its outcome, is the one under way. */
  pending: boolean;
  /** It follows the form's buttons as an alternative to them: draw an "or" divider before it. */
  divided: boolean;
  /** Starts the ceremony. The button must be `type="button"`: it never submits the form itself. */
  onStart: () => void;
}
