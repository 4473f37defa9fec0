import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ClientMetadata } from 'oidc-provider';
import { z } from 'zod';

/** One relying party in `CLIENTS_FILE`: standard client metadata plus Portico's own fields. */
const clientSchema = z
  .object({
    client_id: z.string().min(1).max(200),
    client_secret: z.string().min(32, 'must be at least 32 characters').optional(),
    client_name: z.string().min(1).max(100).optional(),
    redirect_uris: z.array(z.url()).min(1),
    post_logout_redirect_uris: z.array(z.url()).optional(),
    grant_types: z.array(z.enum(['authorization_code', 'refresh_token'])).optional(),
    response_types: z.array(z.literal('code')).optional(),
    token_endpoint_auth_method: z
      .enum(['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'])
      .optional(),
    scope: z.string().optional(),
    /** First-party apps skip the consent screen. @default false */
    first_party: z.boolean().optional(),
    /** The theme folder the login page uses for this app. @default 'default' */
    brand: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .optional(),
  })
  .strict()
  .refine(
    (c) =>
      c.token_endpoint_auth_method === 'none' ||
      c.token_endpoint_auth_method === 'private_key_jwt' ||
      c.client_secret,
    {
      message: 'a confidential client needs client_secret (or set token_endpoint_auth_method to "none")',
      path: ['client_secret'],
    },
  );

const clientsFileSchema = z.array(clientSchema);

/** Reads and validates `CLIENTS_FILE`, naming the bad entry and field on error. */
export function loadClientsFile(path: string): ClientMetadata[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`CLIENTS_FILE ${path}: ${(err as Error).message}`);
  }
  const parsed = clientsFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const [index, ...field] = issue.path;
      const entry =
        Array.isArray(json) && typeof index === 'number'
          ? (json[index] as { client_id?: unknown })?.client_id
          : undefined;
      const name = entry ? `client "${String(entry)}" (entry ${String(index)})` : `entry ${String(index)}`;
      return `  ${name}, ${field.join('.') || 'entry'}: ${issue.message}`;
    });
    throw new Error(`CLIENTS_FILE ${path} has bad entries:\n${issues.join('\n')}`);
  }
  // A client_id declared twice (here or against the built-in demo client) is refused in createProvider.
  return parsed.data.map((client) => ({ grant_types: ['authorization_code', 'refresh_token'], ...client }));
}

/** A relying party Portico serves itself at `/<path>` (confidential, first-party). */
function builtInClient(
  issuer: string,
  appSecret: string,
  id: string,
  name: string,
  path: string,
): ClientMetadata {
  return {
    client_id: id,
    client_secret: builtInClientSecret(appSecret, id),
    client_name: name,
    redirect_uris: [`${issuer}/${path}/callback`],
    post_logout_redirect_uris: [`${issuer}/${path}`],
    grant_types: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_method: 'client_secret_basic',
    first_party: true,
    brand: 'default',
  };
}

/** Each built-in client's secret, derived from the app secret (nothing to configure). */
export function builtInClientSecret(appSecret: string, clientId: string): string {
  const label = clientId === 'portico-demo' ? 'portico-demo-client' : `${clientId}-client`;
  return createHmac('sha256', appSecret).update(label).digest('base64url');
}

/** The id of the account page's client: the only one that may ask for account tasks. */
export const ACCOUNT_CLIENT_ID = 'portico-account';

/** The demo relying party at `/demo`. */
export const demoClient = (issuer: string, appSecret: string) =>
  builtInClient(issuer, appSecret, 'portico-demo', 'Portico Demo', 'demo');

/** The account page at `/account`, where people manage their sign-in methods. */
export const accountClient = (issuer: string, appSecret: string) =>
  builtInClient(issuer, appSecret, ACCOUNT_CLIENT_ID, 'Your account', 'account');
