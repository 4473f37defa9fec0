import { describe, expect, it } from 'vitest';
import { ACR, acrFor, acrRequestOf, acrToAssert, amrFor, requiredAcr } from '../../server/provider/index.ts';

describe('the ACR ladder', () => {
  it('ranks a password alone as one factor, whatever else of the same kind joins it', () => {
    expect(acrFor(['pwd'])).toBe(ACR.oneFactor);
    expect(amrFor(['pwd', 'pwd'])).toEqual(['pwd']);
    // A mailed code and an authenticator app are both possession: two codes are still one kind.
    expect(acrFor(['otp', 'otp'])).toBe(ACR.oneFactor);
  });

  it('ranks a password and a code as multi-factor, and says so in amr', () => {
    expect(amrFor(['pwd', 'otp'])).toEqual(['pwd', 'otp', 'mfa']);
    expect(acrFor(['pwd', 'otp'])).toBe(ACR.multiFactor);
  });

  it('ranks a user-verified passkey as phishing-resistant on its own, synced or device-bound', () => {
    expect(amrFor(['hwk', 'user'])).toEqual(['hwk', 'user', 'mfa']);
    expect(acrFor(['hwk', 'user'])).toBe(ACR.phishingResistant);
    expect(acrFor(['swk', 'user'])).toBe(ACR.phishingResistant);
    // Without user verification a key is one factor.
    expect(acrFor(['hwk'])).toBe(ACR.oneFactor);
  });

  it('never lets a claimed mfa stand in for proven factors', () => {
    expect(amrFor(['pwd', 'mfa'])).toEqual(['pwd']);
    expect(acrFor(['pwd', 'mfa'])).toBe(ACR.oneFactor);
  });

  it('needs the lowest known level a request names, and ignores unknown voluntary values', () => {
    expect(requiredAcr(undefined)).toBeUndefined();
    expect(requiredAcr({ values: [ACR.phishingResistant, ACR.multiFactor], essential: false })).toBe(
      ACR.multiFactor,
    );
    expect(requiredAcr({ values: ['urn:example:gold'], essential: false })).toBeUndefined();
    expect(requiredAcr({ values: ['urn:example:gold'], essential: true })).toBe('unmet');
  });

  it('asserts the strongest requested value the earned level includes, and nothing when it falls short', () => {
    const asked = { values: [ACR.oneFactor, ACR.multiFactor], essential: true };
    expect(acrToAssert(ACR.phishingResistant, asked)).toBe(ACR.multiFactor);
    expect(acrToAssert(ACR.oneFactor, asked)).toBe(ACR.oneFactor);
    expect(acrToAssert(ACR.oneFactor, { values: [ACR.multiFactor], essential: false })).toBeUndefined();
    expect(acrToAssert(ACR.multiFactor, undefined)).toBe(ACR.multiFactor);
    expect(acrToAssert(ACR.multiFactor, { values: ['urn:example:gold'], essential: true })).toBeUndefined();
  });

  it('reads acr_values and the claims parameter together', () => {
    expect(acrRequestOf({})).toBeUndefined();
    expect(acrRequestOf({ acr_values: `${ACR.multiFactor} ${ACR.phishingResistant}` })).toEqual({
      values: [ACR.multiFactor, ACR.phishingResistant],
      essential: false,
    });
    // What the app insists on is the request: a voluntary acr_values beside it does not widen it.
    const claims = JSON.stringify({ id_token: { acr: { essential: true, value: ACR.phishingResistant } } });
    expect(acrRequestOf({ claims, acr_values: ACR.oneFactor })).toEqual({
      values: [ACR.phishingResistant],
      essential: true,
    });
    const voluntary = JSON.stringify({ id_token: { acr: { values: [ACR.phishingResistant] } } });
    expect(acrRequestOf({ claims: voluntary, acr_values: ACR.multiFactor })).toEqual({
      values: [ACR.multiFactor, ACR.phishingResistant],
      essential: false,
    });
    expect(acrRequestOf({ claims: '{not json' })).toBeUndefined();
  });
});
