import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';

/**
 * The browser's WebAuthn answer, posted as one JSON text field. Only its shape is checked here;
 * @simplewebauthn/server checks everything that matters (signature, challenge, origin).
 */
const b64url = z
  .string()
  .regex(/^[A-Za-z0-9_-]*$/)
  .max(8192);

const common = {
  id: b64url.min(1),
  rawId: b64url.min(1),
  type: z.literal('public-key'),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
};

const registration = z.object({
  ...common,
  response: z
    .object({
      clientDataJSON: b64url,
      attestationObject: b64url,
      transports: z.array(z.string().max(32)).max(8).optional(),
    })
    .passthrough(),
});

const assertion = z.object({
  ...common,
  response: z
    .object({
      clientDataJSON: b64url,
      authenticatorData: b64url,
      signature: b64url,
      userHandle: b64url.optional(),
    })
    .passthrough(),
});

function parse<T>(schema: z.ZodType<T>, raw: string | undefined): T | null {
  if (!raw) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const parseRegistration = (raw: string | undefined) =>
  parse(registration, raw) as RegistrationResponseJSON | null;
export const parseAssertion = (raw: string | undefined) =>
  parse(assertion, raw) as AuthenticationResponseJSON | null;
