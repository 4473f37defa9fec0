import { z } from 'zod';

const emailSchema = z.email();

/**
 * Normalises an email address for lookup and storage (trimmed, lower-cased, NFC), or answers
 * `null` when it is not a plausible address.
 */
export function normalizeEmail(raw: string): string | null {
  const email = raw.normalize('NFC').trim().toLowerCase();
  if (email.length > 254) return null;
  return emailSchema.safeParse(email).success ? email : null;
}
