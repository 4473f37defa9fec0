/**
 * The flow API of the preview, mocked in the browser with msw: a screen's form posts to
 * `/preview/flow/<screen id>/api`; a `loading` screen's answer never comes (so its busy state stays on
 * screen), any other answers with the same step's error screen, as a wrong answer would.
 */
import { delay, HttpResponse, http } from 'msw';
import { setupWorker } from 'msw/browser';
import type { PreviewScreen } from '../../server/dev/preview-fixtures.ts';

/** Starts the service worker; resolves once requests are intercepted. */
export async function startMockFlowApi(screens: PreviewScreen[]): Promise<void> {
  const byId = new Map(screens.map((s) => [s.id, s]));
  const worker = setupWorker(
    http.post('/preview/flow/:id/api', async ({ params }) => {
      const asked = byId.get(String(params.id));
      if (!asked)
        return HttpResponse.json(
          { error: { code: 'flow.not_found', message: 'error.flow.expired' } },
          { status: 404 },
        );
      if (asked.variant === 'loading') await delay('infinite');
      const answer = byId.get(`${asked.journey}.${asked.state}.error`) ?? asked;
      // A new revision, as the real API gives, so the page treats it as a new screen.
      return HttpResponse.json({
        screen: {
          ...answer.screen,
          flow: { ...answer.screen.flow, revision: asked.screen.flow.revision + 1 },
        },
      });
    }),
  );
  await worker.start({
    quiet: true,
    onUnhandledFrame: 'bypass',
    serviceWorker: { url: '/mockServiceWorker.js' },
  });
}
