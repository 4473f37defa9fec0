/**
 * Fills the hidden `platformAuthenticator` field (the password step sends one) with `yes` or `no`
 * once the page is hydrated: whether this device has a built-in authenticator (Touch ID, Windows
 * Hello, a phone's screen lock) decides whether the server suggests making a passkey. It goes
 * through the form's `setValue`, which sets the DOM input, so both the JSON submit and
 * a plain form post carry it. Submitted before hydration, it stays empty: the server then assumes no.
 */
import { platformAuthenticatorIsAvailable } from '@simplewebauthn/browser';
import { useEffect } from 'react';

/** The hidden field's name, as the server's password step names it. */
export const PLATFORM_AUTHENTICATOR_FIELD = 'platformAuthenticator';

export function usePlatformAuthenticatorField(
  present: boolean,
  hydrated: boolean,
  setValue: (name: string, value: string) => void,
): void {
  useEffect(() => {
    if (!present || !hydrated) return;
    let live = true;
    const answer = (available: boolean) => {
      if (live) setValue(PLATFORM_AUTHENTICATOR_FIELD, available ? 'yes' : 'no');
    };
    platformAuthenticatorIsAvailable().then(answer, () => answer(false));
    return () => {
      live = false;
    };
  }, [present, hydrated, setValue]);
}
