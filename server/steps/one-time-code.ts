import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { UiInputNode, UiNodeGroup } from '../flows/screen.ts';
import { input } from './nodes.ts';

/** A fresh numeric code of `length` digits, uniformly random. */
export function newCode(length: number): string {
  return String(randomInt(0, 10 ** length)).padStart(length, '0');
}

/** The code's keyed hash, bound to its flow: the same code typed into another flow does not match. */
export function codeHash(key: string, flowId: string, code: string): string {
  return createHmac('sha256', key).update(`${flowId}:${code}`).digest('base64url');
}

export function codeMatches(key: string, flowId: string, code: string, expectedHash: string): boolean {
  const actual = Buffer.from(codeHash(key, flowId, code));
  const expected = Buffer.from(expectedHash);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The 6-digit code field every code step draws the same way (one-time-code autofill, numeric keypad). */
export function codeInput(group: UiNodeGroup, label: string, value?: string): UiInputNode {
  return input(group, {
    name: 'code',
    ...(value ? { value } : {}),
    inputType: 'text',
    label,
    required: true,
    autocomplete: 'one-time-code',
    inputMode: 'numeric',
    pattern: '[0-9]{6}',
    minLength: 6,
    maxLength: 6,
    autofocus: true,
  });
}
