import Provider from 'oidc-provider';
import { buildConfiguration, type ConfigurationDeps } from './configuration.ts';

export {
  ACR,
  ACR_LADDER,
  ACR_LEVELS,
  type AcrLevel,
  type AcrRequest,
  acrFor,
  acrRank,
  acrToAssert,
  amrFor,
  requiredAcr,
} from './acr.ts';
export { acrRequestOf } from './acr-request.ts';
export {
  ACCOUNT_CLIENT_ID,
  accountClient,
  builtInClientSecret,
  demoClient,
  loadClientsFile,
} from './clients.ts';

/**
 * Creates the OIDC provider and checks every relying party's metadata now, so a bad
 * `CLIENTS_FILE` entry stops the start with its name instead of failing a later sign-in.
 */
export async function createProvider(issuer: string, deps: ConfigurationDeps): Promise<Provider> {
  // oidc-provider refuses a repeated client_id with a bare "invalid_client_metadata"; name it instead.
  const ids = new Set<string>();
  for (const client of deps.clients) {
    const id = String(client.client_id);
    if (ids.has(id))
      throw new Error(`CLIENTS_FILE: client "${id}" is declared twice (or reuses a built-in client's id)`);
    ids.add(id);
  }
  const provider = new Provider(issuer, buildConfiguration(deps));
  for (const client of deps.clients) {
    try {
      await provider.Client.find(String(client.client_id));
    } catch (err) {
      const e = err as { error_description?: string; message: string };
      throw new Error(
        `CLIENTS_FILE: client "${String(client.client_id)}": ${e.error_description ?? e.message}`,
      );
    }
  }
  return provider;
}
