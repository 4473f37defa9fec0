export { devJourneysRouter } from './journeys-page.ts';
export { previewRouter } from './preview-routes.ts';
export { devThemesRouter } from './themes-page.ts';
