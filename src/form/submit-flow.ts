/**
 * Posts a step to the JSON flow API and turns every possible answer into one of three outcomes,
 * so the UI never has to reason about status codes or broken bodies.
 */
import type { Screen, UiMessage } from '../../server/flows/screen.ts';

export type SubmitOutcome =
  | { kind: 'screen'; screen: Screen }
  | { kind: 'redirect'; url: string }
  | { kind: 'error'; message: UiMessage };

/** Field values as the form collects them. */
export type FieldValues = Record<string, unknown>;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/**
 * The error body's `message` or `code`, if either is a message id we can show (`error.rateLimited`),
 * else the generic one. Free text from the server is never shown.
 */
function errorMessage(body: unknown, response: Response, known: (id: string) => boolean): UiMessage {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const candidates = [
    error.message,
    error.code,
    typeof error.code === 'string' ? `error.${error.code}` : undefined,
  ];
  const id = candidates.find(
    (c): c is string => typeof c === 'string' && /^[a-z][\w.]*$/i.test(c) && known(c),
  );
  const retryAfter = Number(response.headers.get('retry-after'));
  const values = Number.isFinite(retryAfter) && retryAfter > 0 ? { seconds: retryAfter } : undefined;
  if (id === 'error.rateLimited' && !values) return { id: 'error.internal', type: 'error' };
  return { id: id ?? 'error.internal', type: 'error', values };
}

/**
 * Sends `fields` with the clicked button's `intent`. `known` says whether a message id exists, so a
 * server error code that is also a message id is shown as such.
 */
export async function submitFlow(
  screen: Screen,
  fields: FieldValues,
  intent: string,
  known: (id: string) => boolean,
  fetchImpl: typeof fetch = fetch,
): Promise<SubmitOutcome> {
  const { api, csrf, revision } = screen.flow;
  let response: Response;
  try {
    response = await fetchImpl(api, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ ...fields, intent, revision, csrf }),
    });
  } catch {
    return { kind: 'error', message: { id: 'error.network', type: 'error' } };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { kind: 'error', message: { id: 'error.internal', type: 'error' } };
  }
  if (isRecord(body) && isRecord(body.screen))
    return { kind: 'screen', screen: body.screen as unknown as Screen };
  if (response.ok && isRecord(body) && typeof body.redirect === 'string') {
    return { kind: 'redirect', url: body.redirect };
  }
  return { kind: 'error', message: errorMessage(body, response, known) };
}
