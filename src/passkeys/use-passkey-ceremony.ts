/**
 * Runs a `webauthn` node's ceremony with @simplewebauthn/browser and posts the outcome to the flow:
 * the browser's answer with the node's `intent`, or, when the server counts failures, the error's
 * name with `failIntent`. A ceremony our own code called off (the person clicked the button while
 * the autofill request waited, or the screen changed) posts nothing.
 */
import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
  WebAuthnAbortService,
} from '@simplewebauthn/browser';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UiWebAuthnNode } from '../../server/flows/screen.ts';
import type { FieldValues } from '../form/submit-flow.ts';
import { usePage } from '../page-context.tsx';
import { ceremonyFailure } from './ceremony-failure.ts';
import { describeDevice, type UserAgentData } from './describe-device.ts';

export interface PasskeyCeremony {
  /** This browser can run the ceremony: never on the server, nor before hydration. */
  supported: boolean;
  /** A ceremony or a submit is under way: the button must not start another. */
  busy: boolean;
  /** This node's ceremony, or the submit of its outcome, is the one under way. */
  pending: boolean;
  /** Starts the modal ceremony (the button was clicked). */
  start: () => void;
}

type Mode = 'modal' | 'conditional';

/**
 * The prompts already started on their own, by flow, state and intent: once each per page. A prompt
 * that fails at once (Safari refuses one without a click) would otherwise post, come back on the
 * next screen, and start again, in a loop; after one try, the button is the way to try again.
 */
const autostarted = new Set<string>();
type Outcome = 'posted' | 'failed' | 'calledOff';
type Submit = (fields: FieldValues, intent: string) => void;

function thisDevice(): string {
  const nav = navigator as Navigator & { userAgentData?: UserAgentData };
  return describeDevice(nav.userAgent, nav.userAgentData);
}

/** One ceremony, start to post. `isCurrent()` turns false once our code has moved on from it. */
async function runCeremony(
  node: UiWebAuthnNode,
  mode: Mode,
  isCurrent: () => boolean,
  submit: Submit,
): Promise<Outcome> {
  const { ceremony, options, intent, failIntent } = node.attributes;
  try {
    if (mode === 'conditional' && !(await browserSupportsWebAuthnAutofill())) return 'calledOff';
    if (!isCurrent()) return 'calledOff';
    const response =
      ceremony === 'create'
        ? await startRegistration({
            optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON,
          })
        : await startAuthentication({
            optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON,
            useBrowserAutofill: mode === 'conditional',
          });
    if (!isCurrent()) return 'calledOff';
    submit({ credential: JSON.stringify(response), deviceName: thisDevice() }, intent);
    return 'posted';
  } catch (error) {
    const reason = ceremonyFailure(error, { superseded: !isCurrent(), conditional: mode === 'conditional' });
    if (reason && failIntent) submit({ reason }, failIntent);
    return reason ? 'failed' : 'calledOff';
  }
}

export function usePasskeyCeremony(node: UiWebAuthnNode): PasskeyCeremony {
  const { hydrated, busy, pendingIntent, submit, screen } = usePage();
  const { flow, state } = screen;
  const flowId = flow.id;
  const supported = hydrated && browserSupportsWebAuthn();
  const [running, setRunning] = useState(false);
  // Set after a failed prompt, for the node it failed on.
  const [retry, setRetry] = useState<{ node: UiWebAuthnNode } | null>(null);
  // Which of our ceremonies is current; one that settles after another started was called off by us.
  const current = useRef(0);
  // A ceremony of ours may be waiting in the browser, so leaving the screen must cancel it.
  const waiting = useRef(false);
  const { intent, failIntent, autostart } = node.attributes;
  const conditional = node.attributes.conditional === true && node.attributes.ceremony === 'get';

  const begin = useCallback(
    (mode: Mode) => {
      const id = ++current.current;
      const isCurrent = () => id === current.current;
      waiting.current = true;
      if (mode === 'modal') setRunning(true);
      void runCeremony(node, mode, isCurrent, submit).then((outcome) => {
        if (isCurrent()) waiting.current = false;
        if (mode !== 'modal') return;
        setRunning(false);
        if (outcome === 'failed' && isCurrent()) setRetry({ node });
      });
    },
    [node, submit],
  );

  // A new screen (or none) calls off whatever this node started: its options are spent.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again exactly when the node changes.
  useEffect(
    () => () => {
      current.current++;
      if (waiting.current) WebAuthnAbortService.cancelCeremony();
      waiting.current = false;
    },
    [node],
  );

  // On a new screen: the autostarted prompt, else autofill, which waits in the background.
  useEffect(() => {
    if (!supported) return;
    const key = `${flowId}:${state}:${intent}`;
    if (autostart && !autostarted.has(key)) {
      autostarted.add(key);
      begin('modal');
    } else if (conditional) {
      begin('conditional');
    }
  }, [supported, autostart, conditional, flowId, state, intent, begin]);

  // After a failed prompt, offer autofill again: starting the prompt aborted it.
  useEffect(() => {
    if (supported && conditional && retry?.node === node) begin('conditional');
  }, [supported, conditional, retry, node, begin]);

  const start = useCallback(() => {
    if (!busy && !running) begin('modal');
  }, [busy, running, begin]);

  const mine = pendingIntent !== null && (pendingIntent === intent || pendingIntent === failIntent);
  return { supported, busy: busy || running, pending: running || mine, start };
}
