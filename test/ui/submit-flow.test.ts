import { describe, expect, it } from 'vitest';
import { submitFlow } from '../../src/form/submit-flow.ts';
import { passwordScreen } from './fixtures.ts';

const known = (id: string) => ['error.rateLimited', 'error.csrf', 'error.flow.expired'].includes(id);

function answer(status: number, body: unknown, headers: Record<string, string> = {}): typeof fetch {
  return async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
}

describe('submitFlow', () => {
  it('posts the fields with the intent, the revision and the csrf token as JSON', async () => {
    let sent: { url: string; init: RequestInit } | undefined;
    const spy: typeof fetch = async (url, init) => {
      sent = { url: String(url), init: init ?? {} };
      return new Response(JSON.stringify({ redirect: '/cb' }), { status: 200 });
    };
    const outcome = await submitFlow(passwordScreen, { password: 'pw' }, 'submit', known, spy);
    expect(outcome).toEqual({ kind: 'redirect', url: '/cb' });
    expect(sent?.url).toBe('/api/flows/flw_test');
    expect(sent?.init.method).toBe('POST');
    expect(sent?.init.headers).toMatchObject({
      'content-type': 'application/json',
      'x-csrf-token': 'csrf-token-123',
    });
    expect(JSON.parse(String(sent?.init.body))).toEqual({
      password: 'pw',
      intent: 'submit',
      revision: 3,
      csrf: 'csrf-token-123',
    });
  });

  it('shows the screen a non-2xx answer carries', async () => {
    const outcome = await submitFlow(
      passwordScreen,
      {},
      'submit',
      known,
      answer(400, { screen: passwordScreen }),
    );
    expect(outcome).toEqual({ kind: 'screen', screen: passwordScreen });
  });

  it('maps error codes and message ids to known messages, anything else to error.internal', async () => {
    const run = (status: number, body: unknown, headers?: Record<string, string>) =>
      submitFlow(passwordScreen, {}, 'submit', known, answer(status, body, headers));
    expect(await run(403, { error: { code: 'csrf', message: 'x' } })).toMatchObject({
      message: { id: 'error.csrf' },
    });
    expect(await run(410, { error: { code: 'flow.expired', message: 'error.flow.expired' } })).toMatchObject({
      message: { id: 'error.flow.expired' },
    });
    expect(await run(429, { error: { code: 'rateLimited' } }, { 'retry-after': '30' })).toMatchObject({
      message: { id: 'error.rateLimited', values: { seconds: 30 } },
    });
    expect(await run(500, { error: { code: 'boom', message: 'stack trace here' } })).toMatchObject({
      message: { id: 'error.internal' },
    });
    expect(await run(502, '<html>bad gateway</html>')).toMatchObject({ message: { id: 'error.internal' } });
  });

  it('reports a network failure', async () => {
    const offline: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await submitFlow(passwordScreen, {}, 'submit', known, offline)).toEqual({
      kind: 'error',
      message: { id: 'error.network', type: 'error' },
    });
  });
});
