import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { OidcModelRepo, OidcPayload } from '../store/index.ts';

/**
 * oidc-provider's storage adapter on Portico's store: one instance per model name
 * (Session, AccessToken, AuthorizationCode, RefreshToken, Grant, Interaction, ...).
 */
export function adapterFactory(repo: OidcModelRepo, now: () => number) {
  return class StoreAdapter implements Adapter {
    readonly model: string;

    constructor(model: string) {
      this.model = model;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const expiresAt = expiresIn ? now() + expiresIn * 1000 : null;
      await repo.upsert(this.model, id, payload as OidcPayload, expiresAt);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return (await repo.find(this.model, id, now())) as AdapterPayload | undefined;
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return (await repo.findByUid(this.model, uid, now())) as AdapterPayload | undefined;
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return (await repo.findByUserCode(this.model, userCode, now())) as AdapterPayload | undefined;
    }

    async consume(id: string): Promise<void> {
      await repo.consume(this.model, id, now());
    }

    async destroy(id: string): Promise<void> {
      await repo.destroy(this.model, id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await repo.revokeByGrantId(grantId);
    }
  };
}
