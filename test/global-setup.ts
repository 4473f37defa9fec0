import { ensureBuilt } from '../scripts/build-if-missing.ts';

/** Integration and end-to-end tests serve the real built login page: build it once if needed. */
export default function setup(): void {
  ensureBuilt();
}
