import { describe, expect, it } from 'vitest';
import type { UiInputNode } from '../../server/flows/screen.ts';
import { render } from '../../src/entry-server.tsx';
import { fieldRules } from '../../src/form/field-rules.ts';
import { arrangeNodes, offersAlternative } from '../../src/renderer/arrange-nodes.ts';
import {
  chooseFactorScreen,
  codeScreen,
  identifyScreen,
  pageProps,
  passkeyCreateScreen,
  passkeyIdentifyScreen,
  recoveryCodes,
  recoveryCodesScreen,
  totpSetupScreen,
} from './fixtures.ts';

describe('server render of the passkey and second-factor screens', () => {
  it('draws no passkey button and no divider before hydration, but keeps passkey autofill on the email field', () => {
    const html = render(pageProps(passkeyIdentifyScreen));
    expect(html).not.toContain('type="button"');
    expect(html).not.toContain('Sign in with a passkey');
    expect(html).not.toContain('portico-divider');
    expect(html).toMatch(
      /<input[^>]*autoComplete="username webauthn"|<input[^>]*autocomplete="username webauthn"/i,
    );
    expect(html).toContain('value="submit"');
  });

  it('keeps a screen whose only control is a passkey ceremony a form', () => {
    const html = render(
      pageProps({
        ...passkeyCreateScreen,
        nodes: passkeyCreateScreen.nodes.filter((n) => n.type !== 'button'),
      }),
    );
    expect(html).toContain('<form');
    expect(html).not.toContain('Create a passkey</span>');
  });

  it('leaves out a button that needs JavaScript and keeps the others', () => {
    const html = render(pageProps(chooseFactorScreen));
    expect(html).not.toContain('value="factor.passkey"');
    expect(html).toContain('value="factor.totp"');
  });

  it('draws the QR code as an image with a translated alt on a light panel', () => {
    const html = render(pageProps(totpSetupScreen));
    const img = /<div class="portico-image[^"]*"><img [^>]*>/.exec(html)?.[0] ?? '';
    expect(img).toContain('src="data:image/svg+xml;base64,');
    expect(img).toContain('alt="QR code to scan with your authenticator app"');
    expect(img).toContain('width="200"');
    expect(img).toContain('height="200"');
    const fr = render(pageProps(totpSetupScreen, 'fr'));
    expect(fr).toContain('alt="QR code à scanner avec votre application d&#x27;authentification"');
  });

  it('refuses an image that is not a data: URL', () => {
    const remote = {
      ...totpSetupScreen,
      nodes: totpSetupScreen.nodes.map((n) =>
        n.type === 'image'
          ? { ...n, attributes: { ...n.attributes, src: 'https://evil.example/qr.png' } }
          : n,
      ),
    };
    expect(render(pageProps(remote))).not.toContain('evil.example');
  });

  it('draws a read-only setup key in monospace with its value, unvalidated, and no Copy button before hydration', () => {
    const html = render(pageProps(totpSetupScreen));
    const input = /<input[^>]*name="secret"[^>]*>/.exec(html)?.[0] ?? '';
    expect(input).toMatch(/readOnly=""/i);
    expect(input).toContain('value="JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP"');
    expect(input).toContain('portico-input--verbatim');
    expect(input).not.toMatch(/required/i);
    expect(html).not.toContain('portico-copy');
  });

  it('draws every recovery code as plain text in a grid, without check marks', () => {
    const html = render(pageProps(recoveryCodesScreen));
    const list = /<ul[^>]*class="portico-codes"[^>]*>(.*?)<\/ul>/s.exec(html)?.[1] ?? '';
    expect(list.match(/<li>/g)).toHaveLength(recoveryCodes.length);
    for (const code of recoveryCodes) expect(list).toContain(`<li>${code}</li>`);
    expect(list).not.toContain('<svg');
    expect(html).not.toContain('text.verbatim');
  });
});

describe('arranging a screen', () => {
  it('sets a passkey ceremony after the buttons apart as an alternative', () => {
    expect(offersAlternative(arrangeNodes(passkeyIdentifyScreen.nodes))).toBe(true);
    expect(offersAlternative(arrangeNodes(passkeyCreateScreen.nodes))).toBe(false);
    expect(offersAlternative(arrangeNodes(identifyScreen.nodes))).toBe(false);
  });
});

describe('client-side validation', () => {
  const input = (
    group: UiInputNode['group'],
    extra: Partial<UiInputNode['attributes']> = {},
  ): UiInputNode => ({
    type: 'input',
    group,
    attributes: {
      name: 'code',
      inputType: 'text',
      label: 'label.code',
      required: true,
      minLength: 6,
      maxLength: 6,
      pattern: '[0-9]{6}',
      ...extra,
    },
    messages: [],
  });

  it('asks for the 6 digits of an authenticator-app code in its own words, not in the email code words', () => {
    const codeNode = codeScreen.nodes.find((n): n is UiInputNode => n.type === 'input');
    const emailCode = codeNode ? fieldRules(codeNode) : {};
    expect(emailCode.pattern).toMatchObject({ message: 'error.code.format' });
    const totp = fieldRules(input('totp'));
    expect(totp.pattern).toMatchObject({ message: 'error.totp.format' });
    expect(totp.minLength).toMatchObject({ message: 'error.totp.format' });
  });

  it('does not validate a read-only field', () => {
    expect(fieldRules(input('totp', { name: 'secret', readOnly: true }))).toEqual({});
  });
});
