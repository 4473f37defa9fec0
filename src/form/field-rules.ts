/**
 * Client-side validation rules for an input node, mirroring the HTML attributes the server set
 * (required, minLength, maxLength, pattern, type=email). Messages are message ids; the input
 * interpolates `{{min}}`/`{{max}}` from its attributes. The server validates again regardless.
 */

import type { UiInputNode } from '../../server/flows/screen.ts';

/** What an input must satisfy; each failure names the message id to show. */
export interface FieldRules {
  required?: string;
  minLength?: { value: number; message: string };
  maxLength?: { value: number; message: string };
  pattern?: { value: RegExp; message: string };
  /** `true` passes; a string is the failure's message id. */
  validate?: (value: string) => true | string | boolean;
}

// The WHATWG definition of a valid email address, which is what browsers check for type=email.
const email =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

type Rule = 'tooShort' | 'tooLong' | 'pattern';

/** Picks the most helpful message id for a length or format problem, by what the field is for. */
function messageFor(node: UiInputNode, rule: Rule): string {
  // A 6-digit code, from an email or an authenticator app: say what is expected, not which rule failed.
  if (node.group === 'totp') return 'error.totp.format';
  if (node.group === 'code') return 'error.code.format';
  if (node.group === 'password' && rule !== 'pattern') return `error.password.${rule}`;
  return rule === 'pattern' ? 'error.field.pattern' : `error.field.${rule}`;
}

/** An HTML `pattern` is anchored and compiled with the `v` flag; do the same, or skip if invalid. */
function htmlPattern(source: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${source})$`, 'v');
  } catch {
    return undefined;
  }
}

/** The rules for one input (`use-flow-fields.ts` checks them). */
export function fieldRules(node: UiInputNode): FieldRules {
  const a = node.attributes;
  const rules: FieldRules = {};
  // Hidden and read-only fields hold what the server sent; the person cannot get them wrong.
  if (a.inputType === 'hidden' || a.readOnly) return rules;
  if (a.required) rules.required = 'error.field.required';
  if (a.minLength !== undefined)
    rules.minLength = { value: a.minLength, message: messageFor(node, 'tooShort') };
  if (a.maxLength !== undefined)
    rules.maxLength = { value: a.maxLength, message: messageFor(node, 'tooLong') };
  const pattern = a.pattern === undefined ? undefined : htmlPattern(a.pattern);
  if (pattern) rules.pattern = { value: pattern, message: messageFor(node, 'pattern') };
  if (a.inputType === 'email') {
    rules.validate = (value: string) => value === '' || email.test(value) || 'error.email.invalid';
  }
  return rules;
}
