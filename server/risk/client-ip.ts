/**
 * The client's address, done right. `X-Forwarded-For` is believed only as far as it was written by
 * proxies we trust (a list of CIDRs): walking from the socket's peer to the left, each trusted hop
 * tells who connected to it, and the first hop we do not trust is the client. Entries are parsed
 * strictly (four-part IPv4, IPv6, an IPv4-mapped IPv6 is its IPv4, a port is dropped); anything else
 * is malformed. A malformed entry never skips a check and never puts other people in one bucket: the
 * request is keyed to the trusted hop that handed it over and flagged, so only requests with broken
 * headers share that bucket, and the risk engine sees the flag.
 */
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Address, number];

/** Where a request comes from, as Portico keys rate limits and risk signals by it. */
export interface ClientAddress {
  /** The client's address in normal form (`203.0.113.7`, `2001:db8::1`). */
  ip: string;
  /** Its network: the /24 of an IPv4 address, the /48 of an IPv6 one (`203.0.113.0/24`). */
  prefix: string;
  /** A trusted hop handed over a header entry that is not an address. */
  forwardingMalformed: boolean;
}

/** Parses one address strictly: four-part IPv4 or IPv6 (no zone), with an optional port; mapped IPv4 unwrapped. */
export function parseAddress(text: string): Address | undefined {
  let value = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[0-9.]+:\d{1,5}$/.test(value)) value = value.slice(0, value.indexOf(':'));
  let address: Address;
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) address = ipaddr.IPv4.parse(value);
  else if (!value.includes('%') && ipaddr.IPv6.isValid(value)) address = ipaddr.IPv6.parse(value);
  else return undefined;
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress())
    return (address as ipaddr.IPv6).toIPv4Address();
  return address;
}

/** The network an address belongs to, for signals that look past one address (a /24 or a /48). */
export function networkPrefix(address: Address): string {
  const bits = address.kind() === 'ipv4' ? 24 : 48;
  const bytes = address.toByteArray();
  const keep = bits / 8;
  const masked = bytes.map((b, i) => (i < keep ? b : 0));
  return `${ipaddr.fromByteArray(masked).toString()}/${bits}`;
}

/**
 * Parses a list of trusted proxies (`10.0.0.0/8, 127.0.0.1, ::1`). A bare address is a single host.
 * Throws with the entry that is wrong, so a typo stops the start instead of trusting nobody (or everybody).
 */
export function parseTrustedProxies(list: string | readonly string[]): Range[] {
  const entries = (typeof list === 'string' ? list.split(',') : [...list])
    .map((e) => e.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const [host = '', bits] = entry.split('/');
    const address = parseAddress(host);
    if (!address || (bits !== undefined && !/^\d{1,3}$/.test(bits)))
      throw new Error(`"${entry}" is not an address or a CIDR range (such as 10.0.0.0/8 or 2001:db8::/32)`);
    const max = address.kind() === 'ipv4' ? 32 : 128;
    const length = bits === undefined ? max : Number(bits);
    if (length > max) throw new Error(`"${entry}": a ${address.kind()} prefix is at most /${max}`);
    return [address, length] as Range;
  });
}

const trusted = (address: Address, ranges: readonly Range[]) =>
  ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));

const describe = (address: Address, forwardingMalformed = false): ClientAddress => ({
  ip: address.toString(),
  prefix: networkPrefix(address),
  forwardingMalformed,
});

/**
 * The client behind a request: `peer` is the socket's remote address, `forwardedFor` every
 * `X-Forwarded-For` header value in order. Without trusted proxies the peer is the client.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | readonly string[] | undefined,
  proxies: readonly Range[],
): ClientAddress {
  const socket = parseAddress(peer ?? '') ?? ipaddr.IPv4.parse('0.0.0.0');
  if (!trusted(socket, proxies) || forwardedFor === undefined) return describe(socket);
  const header = typeof forwardedFor === 'string' ? forwardedFor : forwardedFor.join(',');
  const hops = header.split(',');
  let last = socket;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parseAddress(hops[i]!);
    // A trusted hop handed over something that is not an address: key to that hop, flagged.
    if (!hop) return describe(last, true);
    if (!trusted(hop, proxies)) return describe(hop);
    last = hop;
  }
  // Every hop is one of ours (a health check from inside): the leftmost is the client.
  return describe(last);
}
