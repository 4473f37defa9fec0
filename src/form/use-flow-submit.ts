/** The state of submitting a step: one request at a time, the current screen, and any page-level error. */

import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Screen, UiMessage } from '../../server/flows/screen.ts';
import { type FieldValues, submitFlow } from './submit-flow.ts';

export interface FlowSubmit {
  screen: Screen;
  /** A request is in flight (or the browser is leaving for a redirect). */
  busy: boolean;
  /** The intent of the button that started the request in flight. */
  pendingIntent: string | null;
  /** A failure with no screen to show (network down, server error). */
  error: UiMessage | null;
  /** Increments with every screen the API sends, so the page knows to move focus. */
  screenCount: number;
  submit: (fields: FieldValues, intent: string) => void;
}

export function useFlowSubmit(initial: Screen): FlowSubmit {
  const { i18n } = useTranslation();
  const [screen, setScreen] = useState(initial);
  const [pendingIntent, setPendingIntent] = useState<string | null>(null);
  const [error, setError] = useState<UiMessage | null>(null);
  const [screenCount, setScreenCount] = useState(0);
  // A ref, not state: a second click in the same frame must see the first one.
  const inFlight = useRef(false);

  const submit = useCallback(
    (fields: FieldValues, intent: string) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setPendingIntent(intent);
      setError(null);
      // A message id only if it names a string (`error.csrf`), not a branch (`error`).
      const known = (id: string) =>
        i18n.exists(id) && typeof i18n.t(id, { returnObjects: true }) === 'string';
      void submitFlow(screen, fields, intent, known).then((outcome) => {
        if (outcome.kind === 'redirect') {
          window.location.assign(outcome.url);
          return; // stay busy: the page is going away
        }
        inFlight.current = false;
        setPendingIntent(null);
        if (outcome.kind === 'screen') {
          setScreen(outcome.screen);
          setScreenCount((n) => n + 1);
        } else {
          setError(outcome.message);
        }
      });
    },
    [screen, i18n],
  );

  return { screen, busy: pendingIntent !== null, pendingIntent, error, screenCount, submit };
}
