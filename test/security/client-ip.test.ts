import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/index.ts';
import { clientAddress, parseTrustedProxies } from '../../server/risk/index.ts';
import { createAccount } from '../helpers/accounts.ts';
import { usePortico } from '../helpers/use-portico.ts';
import { behindProxy, browserAt, typeEmail } from './security-world.ts';

const proxies = parseTrustedProxies('10.0.0.0/8, 192.0.2.10, 2001:db8:ffff::/48');

describe('the client address', () => {
  it('ignores X-Forwarded-For from a peer that is not a trusted proxy (a spoofed header)', () => {
    expect(clientAddress('198.51.100.7', '203.0.113.1', proxies).ip).toBe('198.51.100.7');
    expect(clientAddress('198.51.100.7', '203.0.113.1', []).ip).toBe('198.51.100.7');
  });

  it('takes the client from a trusted proxy, through several trusted hops', () => {
    expect(clientAddress('10.0.0.2', '203.0.113.1', proxies).ip).toBe('203.0.113.1');
    // client → CDN (192.0.2.10, trusted) → load balancer (10.0.0.2, trusted) → Portico
    expect(clientAddress('10.0.0.2', '203.0.113.1, 192.0.2.10', proxies).ip).toBe('203.0.113.1');
    // Two headers count as one list, in order.
    expect(clientAddress('10.0.0.2', ['203.0.113.1', '192.0.2.10'], proxies).ip).toBe('203.0.113.1');
  });

  it('stops at the first hop it does not trust: addresses the client wrote before it are not believed', () => {
    // The client sent "X-Forwarded-For: 1.2.3.4" itself; the trusted proxy appended the real peer.
    expect(clientAddress('10.0.0.2', '1.2.3.4, 198.51.100.9', proxies).ip).toBe('198.51.100.9');
    // An untrusted hop in the middle: everything left of it is the untrusted hop's word.
    expect(clientAddress('10.0.0.2', '1.2.3.4, 198.51.100.9, 192.0.2.10', proxies).ip).toBe('198.51.100.9');
  });

  it('keys a malformed header to the trusted hop that passed it on, flagged, whatever the garbage says', () => {
    const a = clientAddress('10.0.0.2', 'not-an-ip', proxies);
    const b = clientAddress('10.0.0.2', 'another one, 999.1.1.1', proxies);
    const empty = clientAddress('10.0.0.2', '203.0.113.5,, 192.0.2.10', proxies);
    expect(a).toEqual({ ip: '10.0.0.2', prefix: '10.0.0.0/24', forwardingMalformed: true });
    // Rotating the garbage does not give a fresh bucket: no limit is skipped.
    expect(b.ip).toBe(a.ip);
    expect(empty).toMatchObject({ ip: '192.0.2.10', forwardingMalformed: true });
    // Everyone else behind the same proxy keeps a bucket of their own.
    expect(clientAddress('10.0.0.2', '203.0.113.1', proxies)).toMatchObject({
      ip: '203.0.113.1',
      forwardingMalformed: false,
    });
    expect(clientAddress('10.0.0.2', '203.0.113.2', proxies).ip).toBe('203.0.113.2');
  });

  it('reads IPv6, IPv4-mapped IPv6 and addresses with ports strictly', () => {
    expect(clientAddress('10.0.0.2', '2001:db8:1:2::5', proxies)).toMatchObject({
      ip: '2001:db8:1:2::5',
      prefix: '2001:db8:1::/48',
    });
    expect(clientAddress('::ffff:10.0.0.2', '::ffff:203.0.113.9', proxies).ip).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.2', '[2001:db8::1]:443', proxies).ip).toBe('2001:db8::1');
    expect(clientAddress('10.0.0.2', '203.0.113.1:5555', proxies).ip).toBe('203.0.113.1');
    // Short and hexadecimal IPv4 forms and zone ids are not addresses here.
    for (const odd of ['127.1', '0x7f.0.0.1', 'fe80::1%eth0', '203.0.113.1.5'])
      expect(clientAddress('10.0.0.2', odd, proxies).forwardingMalformed, odd).toBe(true);
    // A trusted IPv6 proxy.
    expect(clientAddress('2001:db8:ffff::1', '198.51.100.4', proxies).ip).toBe('198.51.100.4');
  });

  it('refuses a TRUSTED_PROXIES entry that is not an address or range, at start', () => {
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8, proxy.internal' })).toThrow(
      /TRUSTED_PROXIES: "proxy.internal" is not an address or a CIDR range/,
    );
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/at most \/32/);
  });
});

describe('the client address on the event log', () => {
  const ctx = usePortico(behindProxy());

  it('stamps the address the trusted proxy names, and each person keeps their own', async () => {
    await createAccount(ctx.portico, ctx.rp, 'ip-owner@example.com');
    await typeEmail(ctx, browserAt(ctx.portico, '203.0.113.77'), 'ip-owner@example.com');
    await typeEmail(ctx, browserAt(ctx.portico, '198.51.100.3, 127.0.0.1'), 'ip-owner@example.com');
    const events = await ctx.portico.portico.services.store.events.list({ type: 'risk.assessed' });
    expect(events.map((e) => e.ip).slice(-2)).toEqual(['203.0.113.77', '198.51.100.3']);
  });
});
