/**
 * A software WebAuthn authenticator (an in-memory FIDO2 passkey) for integration tests.
 *
 * Passkey flows are driven through Portico's JSON flow API without a browser, so something has to play
 * the part of `navigator.credentials.create()/get()` plus @simplewebauthn/browser: this class builds the
 * same JSON a real platform authenticator would, with real ES256 keys and signatures, so the server's
 * verification code runs unmodified. Test use only: keys live in memory and nothing is attested.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;
const ES256 = -7;

/** What {@link SoftAuthenticator.credentials} lists about one stored passkey (ids are base64url). */
export interface SoftCredentialInfo {
  id: string;
  userHandle: string;
  counter: number;
}

interface StoredCredential extends SoftCredentialInfo {
  privateKey: KeyObject;
  backedUp: boolean;
}

const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string): Buffer => createHash('sha256').update(data).digest();

/** Big-endian unsigned integer of `size` bytes (signCount is 4 bytes, credIdLength 2). */
function uint(value: number, size: 2 | 4): Buffer {
  const out = Buffer.alloc(size);
  if (size === 2) out.writeUInt16BE(value);
  else out.writeUInt32BE(value >>> 0);
  return out;
}

/**
 * An in-memory passkey holder bound to one origin and RP ID, answering creation and request options
 * the way a browser with a platform authenticator (and @simplewebauthn/browser) would.
 *
 * Unlike a real browser it does not enforce `userVerification: 'required'`: tests pass
 * `userVerified: false` (or an old `counter`) precisely to check that the server refuses such answers.
 */
export class SoftAuthenticator {
  readonly origin: string;
  readonly rpId: string;
  private readonly rpIdHash: Buffer;
  private readonly store: StoredCredential[] = [];

  /** `rpId` defaults to the origin's hostname, as a browser does when the RP sets none. */
  constructor(opts: { origin: string; rpId?: string }) {
    this.origin = opts.origin;
    this.rpId = opts.rpId ?? new URL(opts.origin).hostname;
    this.rpIdHash = sha256(this.rpId);
  }

  /**
   * Creates a new ES256 passkey for `options.user.id` and returns the registration response
   * (attestation `none`). Throws, as the browser would, when `options.rp.id` is not this authenticator's
   * RP ID or when `excludeCredentials` names a passkey it already holds.
   */
  register(
    options: PublicKeyCredentialCreationOptionsJSON,
    opts: { userVerified?: boolean; backedUp?: boolean } = {},
  ): RegistrationResponseJSON {
    const rpId = options.rp.id ?? this.rpId;
    if (rpId !== this.rpId) throw new Error(`SoftAuthenticator: rp.id ${rpId} is not ${this.rpId}`);
    const excluded = options.excludeCredentials?.find((d) => this.find(d.id));
    if (excluded) throw new Error(`SoftAuthenticator: already holds excluded credential ${excluded.id}`);

    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    if (!jwk.x || !jwk.y) throw new Error('SoftAuthenticator: EC public key without coordinates');
    const cosePublicKey = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, ES256], // alg
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x, 'base64url')],
        [-3, Buffer.from(jwk.y, 'base64url')],
      ]),
    );
    const credentialId = randomBytes(16);
    const backedUp = opts.backedUp ?? false;
    const flags = this.flags(opts.userVerified ?? true, backedUp) | FLAG_AT;
    const authData = Buffer.concat([
      this.rpIdHash,
      Buffer.from([flags]),
      uint(0, 4),
      Buffer.alloc(16), // AAGUID: all zeros, as for attestation "none"
      uint(credentialId.length, 2),
      credentialId,
      cosePublicKey,
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, never>>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, never>()],
        ['authData', authData],
      ]),
    );
    const id = b64url(credentialId);
    this.store.push({ id, userHandle: options.user.id, counter: 0, privateKey, backedUp });
    return {
      id,
      rawId: id,
      type: 'public-key',
      response: {
        clientDataJSON: this.clientData('webauthn.create', options.challenge),
        attestationObject: b64url(attestationObject),
        transports: ['internal', 'hybrid'],
        publicKeyAlgorithm: ES256,
        publicKey: b64url(publicKey.export({ format: 'der', type: 'spki' })),
        authenticatorData: b64url(authData),
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  /**
   * Signs an assertion with `opts.credentialId`, else the first held credential in
   * `options.allowCredentials`, else (discoverable login) the most recently registered one; throws when
   * none fits. The stored counter goes up by one per assertion; `opts.counter` sends that value instead
   * (leaving the stored counter alone) so tests can replay an old counter or send 0.
   */
  authenticate(
    options: PublicKeyCredentialRequestOptionsJSON,
    opts: { userVerified?: boolean; credentialId?: string; counter?: number } = {},
  ): AuthenticationResponseJSON {
    if (options.rpId !== undefined && options.rpId !== this.rpId) {
      throw new Error(`SoftAuthenticator: rpId ${options.rpId} is not ${this.rpId}`);
    }
    const allowed = options.allowCredentials ?? [];
    let credential: StoredCredential | undefined;
    if (opts.credentialId !== undefined) credential = this.find(opts.credentialId);
    else if (allowed.length > 0) credential = allowed.map((d) => this.find(d.id)).find((c) => c);
    else credential = this.store.at(-1);
    if (!credential) throw new Error('SoftAuthenticator: no matching credential');

    let signCount = opts.counter;
    if (signCount === undefined) signCount = ++credential.counter;
    const authenticatorData = Buffer.concat([
      this.rpIdHash,
      Buffer.from([this.flags(opts.userVerified ?? true, credential.backedUp)]),
      uint(signCount, 4),
    ]);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge);
    const signed = Buffer.concat([authenticatorData, sha256(Buffer.from(clientDataJSON, 'base64url'))]);
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      response: {
        clientDataJSON,
        authenticatorData: b64url(authenticatorData),
        signature: b64url(sign('sha256', signed, credential.privateKey)),
        userHandle: credential.userHandle,
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  /** The passkeys held, oldest first (no key material). */
  credentials(): SoftCredentialInfo[] {
    return this.store.map(({ id, userHandle, counter }) => ({ id, userHandle, counter }));
  }

  /** Forgets a passkey, as deleting it from the device would; returns whether it was held. */
  remove(id: string): boolean {
    const index = this.store.findIndex((c) => c.id === id);
    if (index >= 0) this.store.splice(index, 1);
    return index >= 0;
  }

  private find(id: string): StoredCredential | undefined {
    return this.store.find((c) => c.id === id);
  }

  private flags(userVerified: boolean, backedUp: boolean): number {
    return FLAG_UP | (userVerified ? FLAG_UV : 0) | (backedUp ? FLAG_BE | FLAG_BS : 0);
  }

  private clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string): string {
    const json = JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false });
    return Buffer.from(json).toString('base64url');
  }
}
