import { PorticoError } from '../errors/index.ts';

/** One submitted form, whether it came as a plain POST or as JSON. */
export interface Submission {
  fields: Record<string, string>;
  intent: string;
  revision: number;
  csrf: string | undefined;
}

const MAX_FIELD_LENGTH = 2048;
/** A WebAuthn answer (an RSA key's attestation with its public key) is larger than any typed field. */
const LONG_FIELDS: Record<string, number> = { credential: 8192 };
const RESERVED = new Set(['intent', 'revision', 'csrf']);

/** Checks the shape of a submission: flat string fields only, a known revision number, an intent. */
export function parseSubmission(body: unknown): Submission {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new PorticoError('request.invalid', 'the form is empty');
  const fields: Record<string, string> = {};
  let intent = 'submit';
  let revision = Number.NaN;
  let csrf: string | undefined;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value !== 'string' && !(key === 'revision' && typeof value === 'number')) {
      throw new PorticoError('request.invalid', `field "${key}" must be text`);
    }
    const text = String(value);
    if (text.length > (LONG_FIELDS[key] ?? MAX_FIELD_LENGTH))
      throw new PorticoError('request.too_large', `field "${key}" is too long`);
    if (key === 'intent') intent = text;
    else if (key === 'revision') revision = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
    else if (key === 'csrf') csrf = text;
    else if (!RESERVED.has(key)) fields[key] = text;
  }
  if (!Number.isInteger(revision)) throw new PorticoError('request.invalid', 'revision is missing');
  if (!/^[a-z:.-]{1,40}$/.test(intent)) throw new PorticoError('request.invalid', 'unknown intent');
  return { fields, intent, revision, csrf };
}
