/**
 * What to tell the server when a WebAuthn ceremony does not give a credential. The server counts
 * real failures (the person cancelled the prompt, it timed out, the authenticator already holds a
 * passkey), so it must hear about those, and never about requests the person did not make.
 */

/** How the ceremony ended, besides the error itself. */
export interface FailureContext {
  /** Our code has since moved on: a newer ceremony replaced this one, or the screen changed. */
  superseded: boolean;
  /** It was the conditional (autofill) request, which waits in the background. */
  conditional: boolean;
}

/**
 * The `reason` to post with the node's `failIntent` (a short error name, e.g. `NotAllowedError`),
 * or null to post nothing.
 *
 * - An `AbortError` is always ours: @simplewebauthn/browser gives every ceremony a signal from its
 *   `WebAuthnAbortService`, which aborts only when we start another ceremony or cancel on unmount.
 *   (A prompt the person cancels, or one that times out, is a `NotAllowedError`.)
 * - A conditional request's failure is never posted: the person may not have seen any prompt
 *   (Chromium rejects it at once where the authenticator has no passkey for the site, and so do
 *   some password-manager extensions), the answer would redraw the screen under someone typing
 *   their email, and the new screen would start the request again, failing again, in a loop.
 */
export function ceremonyFailure(error: unknown, context: FailureContext): string | null {
  if (context.superseded || context.conditional) return null;
  const name =
    typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string'
      ? error.name
      : '';
  if (name === 'AbortError') return null;
  // The server keeps the reason as data: only a short, plain name goes out, never a message.
  return /^[A-Za-z]{1,40}$/.test(name) ? name : 'UnknownError';
}
