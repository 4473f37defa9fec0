import { describe, expect, it } from 'vitest';
import { createAccount } from '../helpers/accounts.ts';
import { usePortico } from '../helpers/use-portico.ts';

describe('the development outbox', () => {
  const ctx = usePortico();

  it('lists every mail at /dev/outbox, newest first, and serves each as a raw .eml', async () => {
    await createAccount(ctx.portico, ctx.rp, 'outbox@example.com');
    const list = (await (await fetch(`${ctx.portico.url}/dev/outbox.json`)).json()) as {
      file: string;
      to: string;
      subject: string;
    }[];
    expect(list[0]).toMatchObject({
      to: 'outbox@example.com',
      subject: expect.stringMatching(/^\d{6} is your Portico verification code$/),
    });
    const page = await (await fetch(`${ctx.portico.url}/dev/outbox`)).text();
    expect(page).toContain('outbox@example.com');
    expect(page).toContain(list[0]!.subject);
    const raw = await fetch(`${ctx.portico.url}/dev/outbox/${list[0]!.file}`);
    expect(raw.headers.get('content-type')).toMatch(/^message\/rfc822/);
    expect(await raw.text()).toMatch(/^To: outbox@example\.com$/m);
    expect((await fetch(`${ctx.portico.url}/dev/outbox/..%2Fportico.db`)).status).toBe(404);
  });
});
