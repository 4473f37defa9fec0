/**
 * Passkeys (WebAuthn L3) through @simplewebauthn/server: options for the browser, and verification of
 * what it answers. User verification is always required, so a passkey is a multi-factor credential
 * on its own (something you have, unlocked by something you know or are).
 */
import { createHmac } from 'node:crypto';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Credential, NewCredential } from '../store/index.ts';

/** Where passkeys live: the RP ID they are bound to and the origins that may use them. */
export interface PasskeyConfig {
  rpId: string;
  rpName: string;
  origins: string[];
}

/**
 * A flow's WebAuthn challenge: derived from the flow and its revision, so it needs no storage and is
 * single-use (every accepted submission raises the revision, and with it the challenge).
 */
export function flowChallenge(key: string, flowId: string, revision: number): string {
  return createHmac('sha256', key).update(`webauthn:${flowId}:${revision}`).digest('base64url');
}

const challengeBytes = (challenge: string) => new Uint8Array(Buffer.from(challenge, 'base64url'));

const descriptor = (c: Credential) => ({
  id: c.id,
  ...(Array.isArray(c.data.transports) ? { transports: c.data.transports as string[] } : {}),
});

/** Options for `navigator.credentials.create()`: a discoverable credential, user verification required. */
export function registrationOptions(
  config: PasskeyConfig,
  opts: { challenge: string; accountId: string; email: string; existing: Credential[] },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: config.rpName,
    rpID: config.rpId,
    userName: opts.email,
    userID: new Uint8Array(Buffer.from(opts.accountId)),
    challenge: challengeBytes(opts.challenge),
    attestationType: 'none',
    // The same authenticator twice would be two rows for one key.
    excludeCredentials: opts.existing.map(descriptor),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    supportedAlgorithmIDs: [-7, -257, -8],
    timeout: 120_000,
  });
}

/** Options for `navigator.credentials.get()`; without `allow`, any passkey for this site (discoverable). */
export function authenticationOptions(
  config: PasskeyConfig,
  opts: { challenge: string; allow?: Credential[] },
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: config.rpId,
    challenge: challengeBytes(opts.challenge),
    userVerification: 'required',
    timeout: 120_000,
    ...(opts.allow ? { allowCredentials: opts.allow.map(descriptor) } : {}),
  });
}

/** A verified new passkey, ready to store, or null when the browser's answer does not verify. */
export async function verifyRegistration(
  config: PasskeyConfig,
  response: RegistrationResponseJSON,
  challenge: string,
  name: string,
): Promise<NewCredential | null> {
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: config.origins,
    expectedRPID: config.rpId,
    requireUserVerification: true,
  }).catch(() => null);
  if (!result?.verified) return null;
  const info = result.registrationInfo;
  return {
    id: info.credential.id,
    type: 'passkey',
    secret: Buffer.from(info.credential.publicKey).toString('base64url'),
    counter: info.credential.counter,
    data: {
      name,
      transports: response.response.transports ?? [],
      backedUp: info.credentialBackedUp,
      deviceType: info.credentialDeviceType,
      aaguid: info.aaguid,
    },
  };
}

/**
 * Checks an assertion's signature, challenge, origin and user verification against the stored
 * passkey; answers the counter it reports and its backup state, or null. The caller must still
 * record the counter (`recordUse`), which refuses one that did not rise.
 */
export async function verifyAssertion(
  config: PasskeyConfig,
  response: AuthenticationResponseJSON,
  challenge: string,
  stored: Credential,
): Promise<{ counter: number; backedUp: boolean } | null> {
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: config.origins,
    expectedRPID: config.rpId,
    requireUserVerification: true,
    credential: {
      ...descriptor(stored),
      publicKey: new Uint8Array(Buffer.from(stored.secret, 'base64url')),
      // The library would judge the counter before the signature; the store judges it after, in one
      // atomic update (`recordUse`), so a refused counter means a genuine signature from a copy.
      counter: 0,
    },
  }).catch(() => null);
  if (!result?.verified) return null;
  return {
    counter: result.authenticationInfo.newCounter,
    backedUp: result.authenticationInfo.credentialBackedUp,
  };
}

/** RFC 8176 methods a passkey proves: the key (hardware-bound or synced) and the person's verification. */
export const passkeyMethods = (backedUp: boolean): string[] => [backedUp ? 'swk' : 'hwk', 'user'];
