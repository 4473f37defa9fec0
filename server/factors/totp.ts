/**
 * TOTP (RFC 6238) through `otpauth`: 6 digits, 30-second steps, SHA-1 (what every authenticator app
 * supports). The secret is stored sealed with the master key; the last accepted step is the
 * credential's counter, so a code is never accepted twice, even by two racing requests.
 */
import { Secret, TOTP } from 'otpauth';
import qrcode from 'qrcode-generator';

const PERIOD_SECONDS = 30;

/** A fresh 160-bit secret, base32 (what people type when they cannot scan). */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

const totpFor = (secret: string, label = '', issuer = '') =>
  new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });

/** The `otpauth://` URI an authenticator app scans. */
export const totpUri = (secret: string, email: string, issuer: string): string =>
  totpFor(secret, email, issuer).toString();

/** The URI as a QR code: an SVG data URL (allowed by the page's CSP as `img-src data:`). */
export function qrDataUrl(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const svg = qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/**
 * The time step a code belongs to (the current one or one step either side, for clock drift), or
 * null when it matches none. The caller must still record the step to refuse a replay.
 */
export function matchingTotpStep(secret: string, code: string, now: number): number | null {
  if (!/^[0-9]{6}$/.test(code)) return null;
  const delta = totpFor(secret).validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
}

/** The code an authenticator app shows at `now` (for tests and the enrolment preview only). */
export const totpCodeAt = (secret: string, now: number): string =>
  totpFor(secret).generate({ timestamp: now });
