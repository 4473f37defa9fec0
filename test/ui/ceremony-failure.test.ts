import { describe, expect, it } from 'vitest';
import { ceremonyFailure } from '../../src/passkeys/ceremony-failure.ts';

/** An error shaped as the browser (a DOMException) or @simplewebauthn/browser (a WebAuthnError) throws it. */
function webauthnError(name: string): Error {
  const error = new Error('The operation either timed out or was not allowed.');
  error.name = name;
  return error;
}

const modal = { superseded: false, conditional: false };

describe('ceremonyFailure', () => {
  it('reports a cancelled or timed-out prompt by its error name', () => {
    expect(ceremonyFailure(webauthnError('NotAllowedError'), modal)).toBe('NotAllowedError');
    expect(ceremonyFailure(new DOMException('timed out', 'NotAllowedError'), modal)).toBe('NotAllowedError');
    expect(ceremonyFailure(webauthnError('InvalidStateError'), modal)).toBe('InvalidStateError');
    expect(ceremonyFailure(new Error('Authentication was not completed'), modal)).toBe('Error');
  });

  it('posts nothing for a ceremony our own code called off', () => {
    // The person clicked the button while autofill waited: starting the modal request aborted it.
    expect(ceremonyFailure(webauthnError('AbortError'), { superseded: true, conditional: true })).toBeNull();
    // The screen changed: WebAuthnAbortService.cancelCeremony() aborted the request.
    expect(ceremonyFailure(webauthnError('AbortError'), { superseded: true, conditional: false })).toBeNull();
    // An AbortError can only come from the library's own signal, which only our code aborts.
    expect(ceremonyFailure(webauthnError('AbortError'), modal)).toBeNull();
    // Whatever the error, a ceremony we have moved on from is not the person's failure.
    expect(
      ceremonyFailure(webauthnError('NotAllowedError'), { superseded: true, conditional: false }),
    ).toBeNull();
  });

  it('posts nothing when the autofill request fails, which the person may never have seen', () => {
    const autofill = { superseded: false, conditional: true };
    expect(ceremonyFailure(webauthnError('NotAllowedError'), autofill)).toBeNull();
    expect(ceremonyFailure(new Error('Browser does not support WebAuthn autofill'), autofill)).toBeNull();
  });

  it('sends only a short plain name, never a message', () => {
    expect(ceremonyFailure(webauthnError('Not Allowed <script>'), modal)).toBe('UnknownError');
    expect(ceremonyFailure('a string', modal)).toBe('UnknownError');
    expect(ceremonyFailure(undefined, modal)).toBe('UnknownError');
  });
});
