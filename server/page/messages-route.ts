/**
 * `GET /assets/messages/<locale>-<hash>.json`: the messages a login page hydrates with. Each name
 * carries a hash of its content, so the answer never changes and a browser keeps it for a year.
 */
import { Router } from 'express';
import { MESSAGES_PATH, type PageRenderer } from './render-page.ts';

export function messagesRouter(renderer: Pick<PageRenderer, 'messagesFile'>): Router {
  const router = Router();
  router.get(`${MESSAGES_PATH}/:name`, (req, res, next) => {
    const json = renderer.messagesFile(req.params.name);
    if (json === undefined) return next();
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.type('application/json').send(json);
  });
  return router;
}
