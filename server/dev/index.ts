export { devJourneysRouter } from './journeys-page.ts';
