import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';

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

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

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
          `<li><a href="/dev/outbox/${encodeURIComponent(m.file)}">${escapeHtml(new Date(m.at).toISOString())} · ${escapeHtml(m.to)} · ${escapeHtml(m.subject)}</a><pre>${escapeHtml(m.text)}</pre></li>`,
      )
      .join('');
    res
      .type('html')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Outbox</title></head><body><h1>Outbox</h1><p>Mail written outside production, newest first.</p><ul>${rows || '<li>No mail yet.</li>'}</ul></body></html>`,
      );
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
