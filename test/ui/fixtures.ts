/** Sample screens for UI tests and screenshots: one per step the page draws. */
import type { PageProps, Screen, UiNode, UiWebAuthnNode } from '../../server/flows/screen.ts';

const flow: Screen['flow'] = {
  id: 'flw_test',
  revision: 3,
  action: '/flows/flw_test',
  api: '/api/flows/flw_test',
  csrf: 'csrf-token-123',
  expiresAt: '2030-01-01T00:00:00.000Z',
};

function screen(
  step: string,
  state: string,
  rest: Partial<Screen> & Pick<Screen, 'title' | 'nodes'>,
): Screen {
  return {
    flow,
    journey: { id: 'login', version: '1' },
    state,
    step,
    messages: [],
    client: { id: 'demo', name: 'Acme Notes' },
    ...rest,
  };
}

const email: UiNode = {
  type: 'input',
  group: 'identifier',
  attributes: {
    name: 'email',
    inputType: 'email',
    label: 'label.email',
    required: true,
    autocomplete: 'username webauthn',
    autofocus: true,
  },
  messages: [],
};

const submit = (label: string): UiNode => ({
  type: 'button',
  group: 'default',
  attributes: { intent: 'submit', label, variant: 'primary' },
  messages: [],
});

export const identifyScreen = screen('identify', 'provideIdentifier', {
  title: { id: 'title.signin', type: 'info' },
  subtitle: { id: 'subtitle.signin', type: 'info', values: { client: 'Acme Notes' } },
  nodes: [
    email,
    submit('button.continue'),
    {
      type: 'link',
      group: 'navigation',
      attributes: { href: '/signup', label: 'link.signup' },
      messages: [],
    },
  ],
});

export const passwordScreen = screen('password', 'providePassword', {
  title: { id: 'title.password', type: 'info' },
  messages: [{ id: 'error.credentials.invalid', type: 'error' }],
  nodes: [
    {
      type: 'text',
      group: 'identifier',
      attributes: { text: { id: 'text.signingInAs', type: 'info', values: { email: 'ada@example.com' } } },
      messages: [],
    },
    {
      type: 'input',
      group: 'password',
      attributes: {
        name: 'password',
        inputType: 'password',
        label: 'label.password',
        required: true,
        autocomplete: 'current-password',
        autofocus: true,
      },
      messages: [{ id: 'error.field.required', type: 'error' }],
    },
    submit('button.signin'),
    {
      type: 'button',
      group: 'navigation',
      attributes: { intent: 'back', label: 'button.useAnotherEmail', variant: 'link', formNoValidate: true },
      messages: [],
    },
  ],
});

export const newPasswordScreen = screen('password', 'choosePassword', {
  title: { id: 'title.newPassword', type: 'info' },
  subtitle: { id: 'subtitle.signup', type: 'info' },
  nodes: [
    {
      type: 'input',
      group: 'password',
      attributes: {
        name: 'password',
        inputType: 'password',
        label: 'label.newPassword',
        required: true,
        minLength: 12,
        maxLength: 128,
        autocomplete: 'new-password',
        hint: 'hint.newPassword',
      },
      messages: [{ id: 'error.password.common', type: 'error' }],
    },
    submit('button.createAccount'),
    {
      type: 'link',
      group: 'navigation',
      attributes: { href: '/signin', label: 'link.signin' },
      messages: [],
    },
  ],
});

export const codeScreen = screen('email-code', 'awaitingCode', {
  title: { id: 'title.emailCode', type: 'info' },
  messages: [{ id: 'info.code.resent', type: 'info' }],
  nodes: [
    {
      type: 'text',
      group: 'code',
      attributes: {
        text: { id: 'text.codeSent', type: 'info', values: { email: 'ada@example.com', minutes: 10 } },
      },
      messages: [],
    },
    {
      type: 'input',
      group: 'code',
      attributes: {
        name: 'code',
        inputType: 'text',
        label: 'label.code',
        required: true,
        inputMode: 'numeric',
        autocomplete: 'one-time-code',
        minLength: 6,
        maxLength: 6,
        pattern: '[0-9]{6}',
        autofocus: true,
      },
      messages: [],
    },
    submit('button.verify'),
    {
      type: 'button',
      group: 'code',
      attributes: {
        intent: 'resend',
        label: 'button.resendCode',
        variant: 'secondary',
        formNoValidate: true,
      },
      messages: [],
    },
  ],
});

export const consentScreen = screen('consent', 'askConsent', {
  title: { id: 'title.consent', type: 'info' },
  nodes: [
    {
      type: 'text',
      group: 'identifier',
      attributes: { text: { id: 'text.signingInAs', type: 'info', values: { email: 'ada@example.com' } } },
      messages: [],
    },
    {
      type: 'list',
      group: 'consent',
      attributes: {
        label: 'label.consentList',
        items: ['openid', 'email', 'profile', 'offline_access'].map((s) => ({
          id: `consent.scope.${s}`,
          type: 'info' as const,
        })),
      },
      messages: [],
    },
    {
      type: 'button',
      group: 'consent',
      attributes: { intent: 'deny', label: 'button.deny', variant: 'secondary', formNoValidate: true },
      messages: [],
    },
    {
      type: 'button',
      group: 'consent',
      attributes: { intent: 'allow', label: 'button.allow', variant: 'primary' },
      messages: [],
    },
  ],
});

export const errorScreen = screen('error', 'failed', {
  title: { id: 'title.error', type: 'error' },
  nodes: [
    {
      type: 'text',
      group: 'default',
      attributes: { text: { id: 'error.flow.expired', type: 'error' } },
      messages: [],
    },
    {
      type: 'link',
      group: 'navigation',
      attributes: { href: '/demo', label: 'link.backToApp' },
      messages: [],
    },
  ],
});

const signingInAs: UiNode = {
  type: 'text',
  group: 'identifier',
  attributes: { text: { id: 'text.signingInAs', type: 'info', values: { email: 'ada@example.com' } } },
  messages: [],
};

/** Options as @simplewebauthn/server makes them, for an RP on `localhost` (what the browser tests serve). */
export const requestOptions = {
  challenge: 'cG9ydGljby10ZXN0LWNoYWxsZW5nZS0x',
  rpId: 'localhost',
  allowCredentials: [],
  userVerification: 'preferred',
  timeout: 60_000,
};

export const creationOptions = {
  challenge: 'cG9ydGljby10ZXN0LWNoYWxsZW5nZS0y',
  rp: { name: 'Portico', id: 'localhost' },
  user: { id: 'YWNjXzEyMw', name: 'ada@example.com', displayName: 'ada@example.com' },
  pubKeyCredParams: [
    { type: 'public-key', alg: -7 },
    { type: 'public-key', alg: -257 },
  ],
  timeout: 60_000,
  attestation: 'none',
  excludeCredentials: [],
  authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
};

/** A `webauthn` node; `attributes` override the defaults (a `get` ceremony posting `intent=passkey`). */
export function webauthnNode(attributes: Partial<UiWebAuthnNode['attributes']> = {}): UiWebAuthnNode {
  return {
    type: 'webauthn',
    group: 'passkey',
    attributes: { ceremony: 'get', options: requestOptions, intent: 'passkey', ...attributes },
    messages: [],
  };
}

/** The sign-in screen where passkeys are offered: a button under "Continue", and in the email autofill. */
export const passkeyIdentifyScreen = screen('identify', 'provideIdentifier', {
  title: { id: 'title.signin', type: 'info' },
  subtitle: { id: 'subtitle.signin', type: 'info', values: { client: 'Acme Notes' } },
  nodes: [
    email,
    submit('button.continue'),
    webauthnNode({
      label: 'button.passkeySignIn',
      variant: 'secondary',
      conditional: true,
      failIntent: 'passkey.failed',
    }),
  ],
});

/** Making a passkey for the account: the ceremony's button is the screen's main action. */
export const passkeyCreateScreen = screen('passkey-create', 'offerPasskey', {
  title: { id: 'title.passkeyCreate.add', type: 'info' },
  nodes: [
    signingInAs,
    webauthnNode({
      ceremony: 'create',
      options: creationOptions,
      label: 'button.createPasskey',
      variant: 'primary',
      failIntent: 'passkey.failed',
    }),
    {
      type: 'button',
      group: 'navigation',
      attributes: { intent: 'passkey.declined', label: 'button.passkeyDecline.add', variant: 'secondary' },
      messages: [],
    },
  ],
});

export const chooseFactorScreen = screen('choose-factor', 'chooseFactor', {
  title: { id: 'title.chooseFactor', type: 'info' },
  nodes: [
    signingInAs,
    {
      type: 'button',
      group: 'default',
      attributes: {
        intent: 'factor.passkey',
        label: 'button.factor.passkey',
        variant: 'secondary',
        needsScript: true,
      },
      messages: [],
    },
    {
      type: 'button',
      group: 'default',
      attributes: { intent: 'factor.totp', label: 'button.factor.totp', variant: 'secondary' },
      messages: [],
    },
  ],
});

const qrSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#fff"/><path d="M1 1h2v2H1zM5 1h2v2H5zM1 5h2v2H1z"/></svg>';

export const totpSetupScreen = screen('totp-setup', 'setUpTotp', {
  title: { id: 'title.totpSetup', type: 'info' },
  nodes: [
    signingInAs,
    {
      type: 'text',
      group: 'totp',
      attributes: { text: { id: 'text.totpScan', type: 'info' } },
      messages: [],
    },
    {
      type: 'image',
      group: 'totp',
      attributes: {
        src: `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}`,
        alt: 'label.totpQr',
        width: 200,
        height: 200,
      },
      messages: [],
    },
    {
      type: 'input',
      group: 'totp',
      attributes: {
        name: 'secret',
        inputType: 'text',
        label: 'label.totpSecret',
        value: 'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
        readOnly: true,
        autocomplete: 'off',
      },
      messages: [],
    },
    {
      type: 'input',
      group: 'code',
      attributes: {
        name: 'code',
        inputType: 'text',
        label: 'label.totpCode',
        required: true,
        autocomplete: 'one-time-code',
        inputMode: 'numeric',
        pattern: '[0-9]{6}',
        minLength: 6,
        maxLength: 6,
      },
      messages: [],
    },
    submit('button.confirmTotp'),
  ],
});

/** Ten codes as the server words them: `text.verbatim` with the code in `values.text`. */
export const recoveryCodes = Array.from({ length: 10 }, (_, i) => `k7${i}q-9x${i}m`);

export const recoveryCodesScreen = screen('recovery-codes', 'showRecoveryCodes', {
  title: { id: 'title.recoveryCodes', type: 'info' },
  nodes: [
    {
      type: 'list',
      group: 'code',
      attributes: {
        label: 'label.recoveryCodes',
        items: recoveryCodes.map((code) => ({
          id: 'text.verbatim',
          type: 'info' as const,
          values: { text: code },
        })),
      },
      messages: [],
    },
    submit('button.codesSaved'),
  ],
});

export const brand: PageProps['brand'] = {
  id: 'default',
  name: 'Portico',
  logoUrl: '/themes/default/logo.svg',
};

/** Props for `screen` in `locale`. */
export function pageProps(s: Screen, locale = 'en'): PageProps {
  return { screen: s, locale, brand };
}
