/**
 * The server–UI contract: everything the login page needs to draw one step of a flow.
 *
 * It is plain, serialisable data (the Ory "UI node" model): the server decides what is asked and
 * in which order; the page decides how it looks. `src/` imports only these types from `server/`.
 */

/** A translatable message: a stable id (`error.credentials.invalid`) and the values it interpolates. */
export interface UiMessage {
  id: string;
  type: 'error' | 'info' | 'success';
  values?: Record<string, string | number>;
}

/** What an input or button is for; the renderer may group or style nodes by it. */
export type UiNodeGroup =
  | 'default'
  | 'identifier'
  | 'password'
  | 'code'
  | 'consent'
  | 'navigation'
  | 'passkey'
  | 'totp';

/** An input field. `label` is a message id; every input has one. */
export interface UiInputNode {
  type: 'input';
  group: UiNodeGroup;
  attributes: {
    name: string;
    inputType: 'email' | 'password' | 'text' | 'hidden';
    /** Text meant to be copied as is (a TOTP secret): drawn in a monospace font, read-only. */
    readOnly?: boolean;
    label: string;
    value?: string;
    required?: boolean;
    autocomplete?: string;
    inputMode?: 'numeric' | 'email' | 'text';
    minLength?: number;
    maxLength?: number;
    pattern?: string;
    autofocus?: boolean;
    /** A message id shown under the field before anything goes wrong. */
    hint?: string;
  };
  messages: UiMessage[];
}

/**
 * A submit button. Submitting sends the form's fields plus `intent=<value>`; the step decides
 * what the intent means (`submit`, `resend`, `deny`, ...).
 */
export interface UiButtonNode {
  type: 'button';
  group: UiNodeGroup;
  attributes: {
    intent: string;
    label: string;
    variant: 'primary' | 'secondary' | 'link';
    /** Buttons that skip validation of the form's fields (e.g. "Use another email"). */
    formNoValidate?: boolean;
    /** Leads to a passkey ceremony: drawn once the page is hydrated, where the browser has WebAuthn. */
    needsScript?: boolean;
  };
  messages: UiMessage[];
}

/** A paragraph of text, e.g. "We sent a code to a@b.c". */
export interface UiTextNode {
  type: 'text';
  group: UiNodeGroup;
  attributes: { text: UiMessage; id?: string };
  messages: UiMessage[];
}

/** A plain link to another page (e.g. "Create an account" from the sign-in page). */
export interface UiLinkNode {
  type: 'link';
  group: UiNodeGroup;
  attributes: { href: string; label: string };
  messages: UiMessage[];
}

/** A list of items, e.g. the permissions a third-party app asks for on the consent screen. */
export interface UiListNode {
  type: 'list';
  group: UiNodeGroup;
  attributes: { items: UiMessage[]; label: string };
  messages: UiMessage[];
}

/** An image the step needs, e.g. the QR code of a TOTP secret (a `data:` URL; never a remote one). */
export interface UiImageNode {
  type: 'image';
  group: UiNodeGroup;
  attributes: { src: string; alt: string; width: number; height: number };
  messages: UiMessage[];
}

/**
 * A WebAuthn ceremony the page runs with @simplewebauthn/browser, then posts the browser's answer as
 * the `credential` field with `intent`. It needs JavaScript: without it the page draws nothing here.
 */
export interface UiWebAuthnNode {
  type: 'webauthn';
  group: 'passkey';
  attributes: {
    /** `get` signs in with a passkey; `create` makes one. */
    ceremony: 'get' | 'create';
    /** The options JSON for `startAuthentication` / `startRegistration`. */
    options: Record<string, unknown>;
    intent: string;
    /** The button that starts the ceremony; none for conditional UI only. */
    label?: string;
    variant?: 'primary' | 'secondary';
    /** Also offer passkeys in the email field's autofill (conditional mediation). */
    conditional?: boolean;
    /** Start at once when the screen shows (the person has just asked for it). */
    autostart?: boolean;
    /** Posted (with `reason`) when the ceremony fails or is cancelled, so it can be counted. */
    failIntent?: string;
  };
  messages: UiMessage[];
}

/**
 * A proof-of-work challenge (ALTCHA) the page solves on its own and posts as the `altcha` field with
 * `intent`. It needs JavaScript: without it the page says so.
 */
export interface UiChallengeNode {
  type: 'challenge';
  group: 'default';
  attributes: {
    /** The signed challenge, as `altcha-lib` made it. */
    challenge: { parameters: Record<string, unknown>; signature?: string };
    intent: string;
    /** What the page shows while it works (a message id). */
    label: string;
  };
  messages: UiMessage[];
}

export type UiNode =
  | UiChallengeNode
  | UiInputNode
  | UiButtonNode
  | UiTextNode
  | UiLinkNode
  | UiListNode
  | UiImageNode
  | UiWebAuthnNode;

/** One screen of a flow, as sent to the page (server render, hydration and the JSON flow API). */
export interface Screen {
  flow: {
    id: string;
    /** Increases with every accepted event; a form posted with an older revision is a replay. */
    revision: number;
    /** Where the form is POSTed without JavaScript (post, redirect, get). */
    action: string;
    /** Where the hydrated page POSTs the same fields as JSON. */
    api: string;
    /** Anti-CSRF token, sent back as the `csrf` field (or the `x-csrf-token` header). */
    csrf: string;
    expiresAt: string;
  };
  journey: { id: string; version: string };
  /** The journey state, e.g. `providePassword`. */
  state: string;
  /** The step type that draws this screen, e.g. `password`. */
  step: string;
  /** Heading and subheading message ids for the card. */
  title: UiMessage;
  subtitle?: UiMessage;
  nodes: UiNode[];
  /** Messages about the whole form (not one field), e.g. `error.credentials.invalid`. */
  messages: UiMessage[];
  /** The relying party the person is signing in to. */
  client: { id: string; name: string };
}

/**
 * What the JSON flow API answers to a POST: the next screen, where the browser goes next, or an
 * error whose `message` is a message id (never free text).
 */
export type FlowApiResponse =
  | { screen: Screen }
  | { redirect: string }
  | { error: { code: string; message: string } };

/** Everything the server render and the hydrated page need besides the screen. */
export interface PageProps {
  screen: Screen;
  locale: string;
  brand: {
    id: string;
    name: string;
    logoUrl?: string;
    /** Where the card sits (the theme's `layout`). @default 'centered' */
    layout?: 'centered' | 'split' | 'fullscreen';
    /** The theme's copy for this locale: message id → plain text that replaces the locale file's. */
    copy?: Record<string, string>;
  };
}
