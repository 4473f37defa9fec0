export { type AdminOptions, adminRouter } from './admin-router.ts';
export { requireBearer } from './bearer-token.ts';
