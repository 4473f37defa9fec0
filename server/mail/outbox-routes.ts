import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';
import { sendDevPage } from '../page/dev-page.ts';
import { escapeHtml } from '../page/html.ts';

export interface OutboxEntry {
  file: string;
  to: string;
  subject: string;
  text: string;
  at: number;
}

/** The mails in the outbox, newest first. */
export function listOutbox(dir: string): OutboxEntry[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml.json'))
    .map((f) => ({
      file: f.replace(/\.json$/, ''),
      ...(JSON.parse(readFileSync(join(dir, f), 'utf8')) as Omit<OutboxEntry, 'file'>),
    }))
    .sort((a, b) => b.at - a.at || b.file.localeCompare(a.file));
}

/** `/dev/outbox`: every mail written outside production (HTML list, `.json`, and each raw `.eml`). */
export function outboxRouter(dir: string): Router {
  const router = Router();
  router.get('/dev/outbox.json', (_req, res) => {
    res.json(listOutbox(dir));
  });
  router.get('/dev/outbox', (_req, res) => {
    const rows = listOutbox(dir)
      .map(
        (m) =>
          `<li><a href="/dev/outbox/${encodeURIComponent(m.file)}">${escapeHtml(m.subject)}</a><span>${escapeHtml(m.to)} · ${escapeHtml(new Date(m.at).toISOString())}</span><pre>${escapeHtml(m.text)}</pre></li>`,
      )
      .join('');
    sendDevPage(res, {
      title: 'Outbox',
      css: 'body{max-width:760px}ul{list-style:none;padding:0}li{border:1px solid #8884;border-radius:10px;padding:14px 16px;margin:0 0 12px}li span{display:block;opacity:.7;font-size:.85em;margin-top:4px}pre{margin:10px 0 0;font-size:.9em}',
      body: `<h1>Outbox</h1><p>Mail written outside production, newest first. Each subject opens the raw <code>.eml</code>.</p><ul>${rows || '<li>No mail yet.</li>'}</ul>`,
    });
  });
  router.get('/dev/outbox/:file', (req, res) => {
    const file = req.params.file;
    if (!/^[\w.-]+\.eml$/.test(file) || !existsSync(join(dir, file))) {
      res.status(404).type('text').send('No such mail');
      return;
    }
    res.type('message/rfc822').send(readFileSync(join(dir, file)));
  });
  return router;
}
