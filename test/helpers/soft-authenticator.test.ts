import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type WebAuthnCredential,
} from '@simplewebauthn/server';
import { describe, expect, it } from 'vitest';
import { SoftAuthenticator } from './soft-authenticator.ts';

const origin = 'https://portico.test';
const rpID = 'portico.test';

async function registered(opts: { backedUp?: boolean } = {}) {
  const authenticator = new SoftAuthenticator({ origin });
  const options = await generateRegistrationOptions({
    rpName: 'Portico',
    rpID,
    userName: 'ada@example.com',
    userID: new TextEncoder().encode('user-1'),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  const response = authenticator.register(options, opts);
  const verification = await verifyRegistrationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: true,
  });
  return { authenticator, options, response, verification };
}

async function verifyAssertion(
  authenticator: SoftAuthenticator,
  credential: WebAuthnCredential,
  options: PublicKeyCredentialRequestOptionsJSON,
  opts: Parameters<SoftAuthenticator['authenticate']>[1] = {},
  expectedOrigin = origin,
) {
  const response = authenticator.authenticate(options, opts);
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin,
    expectedRPID: rpID,
    credential,
    requireUserVerification: true,
  });
  return { response, verification };
}

describe('SoftAuthenticator', () => {
  it('produces a registration the real library verifies', async () => {
    const { authenticator, options, response, verification } = await registered();
    expect(verification.verified).toBe(true);
    const info = verification.registrationInfo!;
    expect(info.credential.id).toBe(response.id);
    expect(info.credential.counter).toBe(0);
    expect(info.userVerified).toBe(true);
    expect(info.fmt).toBe('none');
    expect(info.credentialDeviceType).toBe('singleDevice');
    expect(info.credentialBackedUp).toBe(false);
    expect(response.response.transports).toEqual(['internal', 'hybrid']);
    expect(authenticator.credentials()).toEqual([
      { id: response.id, userHandle: options.user.id, counter: 0 },
    ]);
  });

  it('reports a synced passkey as multi-device and backed up', async () => {
    const { verification } = await registered({ backedUp: true });
    expect(verification.registrationInfo?.credentialDeviceType).toBe('multiDevice');
    expect(verification.registrationInfo?.credentialBackedUp).toBe(true);
  });

  it('signs an assertion for an allowed credential that verifies with the stored public key', async () => {
    const { authenticator, options: created, verification: reg } = await registered();
    const credential = reg.registrationInfo!.credential;
    const options = await generateAuthenticationOptions({
      rpID,
      allowCredentials: [{ id: credential.id }],
      userVerification: 'required',
    });
    const { response, verification } = await verifyAssertion(authenticator, credential, options);
    expect(verification.verified).toBe(true);
    expect(verification.authenticationInfo.newCounter).toBe(1);
    expect(verification.authenticationInfo.userVerified).toBe(true);
    expect(response.response.userHandle).toBe(created.user.id);
  });

  it('signs a discoverable assertion with the most recent credential and counts each use', async () => {
    const { authenticator } = await registered();
    const again = await generateRegistrationOptions({ rpName: 'Portico', rpID, userName: 'bob@example.com' });
    const reg = await verifyRegistrationResponse({
      response: authenticator.register(again),
      expectedChallenge: again.challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
    });
    const credential = reg.registrationInfo!.credential;
    const options = await generateAuthenticationOptions({ rpID, userVerification: 'required' });
    expect(options.allowCredentials ?? []).toEqual([]);
    const first = await verifyAssertion(authenticator, credential, options);
    expect(first.response.id).toBe(credential.id);
    expect(first.response.response.userHandle).toBe(again.user.id);
    expect(first.verification.verified).toBe(true);
    expect(first.verification.authenticationInfo.newCounter).toBe(1);
    const second = await verifyAssertion(
      authenticator,
      { ...credential, counter: 1 },
      await generateAuthenticationOptions({ rpID }),
    );
    expect(second.verification.authenticationInfo.newCounter).toBe(2);
    expect(authenticator.credentials().map((c) => c.counter)).toEqual([0, 2]);
  });

  it('replays an old counter on request, which the library refuses', async () => {
    const { authenticator, verification: reg } = await registered();
    const credential = { ...reg.registrationInfo!.credential, counter: 5 };
    const options = await generateAuthenticationOptions({ rpID });
    await expect(verifyAssertion(authenticator, credential, options, { counter: 5 })).rejects.toThrow(
      /counter/i,
    );
  });

  it('sends an assertion without user verification that is refused when verification is required', async () => {
    const { authenticator, verification: reg } = await registered();
    const options = await generateAuthenticationOptions({ rpID, userVerification: 'required' });
    await expect(
      verifyAssertion(authenticator, reg.registrationInfo!.credential, options, { userVerified: false }),
    ).rejects.toThrow(/user could not be verified/i);
  });

  it('binds the assertion to its origin, so another origin refuses it', async () => {
    const { authenticator, verification: reg } = await registered();
    const options = await generateAuthenticationOptions({ rpID });
    await expect(
      verifyAssertion(authenticator, reg.registrationInfo!.credential, options, {}, 'https://evil.test'),
    ).rejects.toThrow(/origin/i);
  });

  it('refuses to register for another RP ID', async () => {
    const authenticator = new SoftAuthenticator({ origin });
    const options = await generateRegistrationOptions({
      rpName: 'Elsewhere',
      rpID: 'other.test',
      userName: 'ada@example.com',
    });
    expect(() => authenticator.register(options)).toThrow(/rp\.id/);
    expect(authenticator.credentials()).toEqual([]);
  });

  it('refuses to sign when it holds none of the allowed credentials or has forgotten them', async () => {
    const { authenticator, response } = await registered();
    const options = await generateAuthenticationOptions({
      rpID,
      allowCredentials: [{ id: 'AAAAAAAAAAAAAAAAAAAAAA' }],
    });
    expect(() => authenticator.authenticate(options)).toThrow(/no matching credential/);
    expect(authenticator.remove(response.id)).toBe(true);
    expect(authenticator.remove(response.id)).toBe(false);
    expect(() => authenticator.authenticate(options, { credentialId: response.id })).toThrow();
    expect(() => authenticator.authenticate({ challenge: options.challenge })).toThrow();
  });
});
