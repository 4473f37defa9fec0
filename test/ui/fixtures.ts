/** Sample screens for UI tests and screenshots: one per step the page draws. */
import type { PageProps, Screen, UiNode } from '../../server/flows/screen.ts';

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

export const brand: PageProps['brand'] = {
  id: 'default',
  name: 'Portico',
  logoUrl: '/themes/default/logo.svg',
};

/** Props for `screen` in `locale`. */
export function pageProps(s: Screen, locale = 'en'): PageProps {
  return { screen: s, locale, brand };
}
