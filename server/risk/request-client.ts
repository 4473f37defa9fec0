import type { Request } from 'express';
import type { RequestInfo } from '../flows/flow-engine.ts';
import { clientAddress, parseTrustedProxies } from './client-ip.ts';
import type { DeviceCookie } from './device.ts';

/**
 * What attack protection knows of a request before any step runs: the client's address and network
 * (through the trusted proxies only), whether a proxy passed on garbage, and the addresses the
 * browser's device cookie vouches for.
 */
export function requestClient(
  trustedProxies: readonly string[],
  device: DeviceCookie,
): (req: Request) => Omit<RequestInfo, 'deviceId'> {
  const proxies = parseTrustedProxies(trustedProxies);
  return (req) => {
    const client = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], proxies);
    return {
      ip: client.ip,
      prefix: client.prefix,
      ...(client.forwardingMalformed ? { forwardingMalformed: true } : {}),
      vouched: device.read(req),
    };
  };
}
