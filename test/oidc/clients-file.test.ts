import { describe, expect, it } from 'vitest';
import { startPortico, TEST_CLIENT } from '../helpers/portico-server.ts';

/** The start error for a CLIENTS_FILE holding these entries. */
async function startError(clients: unknown[]): Promise<Error> {
  const started = await startPortico({ clients }).then(
    async (portico) => {
      await portico.stop();
      return undefined;
    },
    (err: unknown) => err as Error,
  );
  if (!started) throw new Error('Portico started with a bad CLIENTS_FILE');
  return started;
}

describe('CLIENTS_FILE validation', () => {
  it('refuses a redirect URI that is not a URL, naming the client and the field', async () => {
    const err = await startError([
      TEST_CLIENT,
      { client_id: 'bad', client_secret: 'x'.repeat(40), redirect_uris: ['not a url'] },
    ]);
    expect(err.message).toContain('CLIENTS_FILE');
    expect(err.message).toContain('"bad"');
    expect(err.message).toContain('redirect_uris');
    expect(err.message).not.toContain('"test-rp"');
  });

  it('refuses a confidential client without client_secret, naming it', async () => {
    const err = await startError([{ client_id: 'secretless', redirect_uris: ['https://app.example/cb'] }]);
    expect(err.message).toContain('"secretless"');
    expect(err.message).toContain('client_secret');
  });

  it('accepts a public client without client_secret', async () => {
    const portico = await startPortico({
      clients: [
        { client_id: 'spa', token_endpoint_auth_method: 'none', redirect_uris: ['https://spa.example/cb'] },
      ],
    });
    try {
      const client = await portico.portico.provider.Client.find('spa');
      expect(client?.tokenEndpointAuthMethod).toBe('none');
    } finally {
      await portico.stop();
    }
  });

  it('refuses a client_id declared twice', async () => {
    const err = await startError([TEST_CLIENT, { ...TEST_CLIENT, client_name: 'Again' }]);
    expect(err.message).toContain('"test-rp"');
    expect(err.message).toMatch(/twice|duplicate/i);
  });

  it('refuses a client that takes the id of the built-in demo app, naming it', async () => {
    const err = await startError([{ ...TEST_CLIENT, client_id: 'portico-demo' }]);
    expect(err.message).toContain('"portico-demo"');
  });

  it('refuses a secret too short to be safe', async () => {
    const err = await startError([{ ...TEST_CLIENT, client_secret: 'short' }]);
    expect(err.message).toContain('"test-rp"');
    expect(err.message).toContain('client_secret');
  });
});
