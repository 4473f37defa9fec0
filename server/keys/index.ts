export { loadMasterKey } from './master-key.ts';
export { createSecretBox, type SecretBox } from './secret-box.ts';
export { type KeyMaterial, loadKeyMaterial } from './signing-keys.ts';
