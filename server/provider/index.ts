import Provider from 'oidc-provider';
import { buildConfiguration, type ConfigurationDeps } from './configuration.ts';

export { ACR, ACR_LADDER, acrFor, amrFor } from './acr.ts';
export { demoClient, demoClientSecret, loadClientsFile } from './clients.ts';

/**
 * Creates the OIDC provider and checks every relying party's metadata now, so a bad
 * `CLIENTS_FILE` entry stops the start with its name instead of failing a later sign-in.
 */
export async function createProvider(issuer: string, deps: ConfigurationDeps): Promise<Provider> {
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
