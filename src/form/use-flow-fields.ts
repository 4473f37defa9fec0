/**
 * The step form's fields once hydrated: uncontrolled inputs (the server's values are their defaults),
 * checked on submit against rules that mirror their HTML attributes, re-checked as the person types
 * once an error shows, with focus on the first field in error. It is the little of react-hook-form the
 * login page used, without its weight on every visitor's first load.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState } from 'react';
import type { FieldRules } from './field-rules.ts';
import type { FieldValues } from './submit-flow.ts';

/** Spread onto an `<input>`: its name, and how the form keeps track of it. */
export interface FieldRegistration {
  name: string;
  ref: (element: HTMLInputElement | null) => void;
  onChange: () => void;
}

export interface FlowFields {
  register(name: string, rules: FieldRules): FieldRegistration;
  /** The message id of each field's error, from the last check. */
  errors: Record<string, string | undefined>;
  setValue(name: string, value: string): void;
  getValues(): FieldValues;
  clearErrors(): void;
  /** Checks every field; answers the values when all pass, else shows the errors, focuses the first, and answers null. */
  validate(): FieldValues | null;
}

/** The first rule `value` breaks, as a message id ('' for a `validate` that answers false), or undefined. */
export function checkField(value: string, rules: FieldRules): string | undefined {
  if (value === '') return rules.required;
  if (rules.maxLength && value.length > rules.maxLength.value) return rules.maxLength.message;
  if (rules.minLength && value.length < rules.minLength.value) return rules.minLength.message;
  if (rules.pattern && !rules.pattern.value.test(value)) return rules.pattern.message;
  const verdict = rules.validate?.(value);
  if (verdict === false) return '';
  return typeof verdict === 'string' ? verdict : undefined;
}

/** The form's fields; `initial` are the values the server sent (the inputs' defaults). */
export function useFlowFieldsState(initial: FieldValues): FlowFields {
  const elements = useRef(new Map<string, HTMLInputElement>());
  const rules = useRef(new Map<string, FieldRules>());
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const checked = useRef(false);

  const currentValue = useCallback(
    (name: string) => elements.current.get(name)?.value ?? String(initial[name] ?? ''),
    [initial],
  );
  const getValues = useCallback(
    () =>
      Object.fromEntries(
        [...new Set([...Object.keys(initial), ...elements.current.keys()])].map((n) => [n, currentValue(n)]),
      ),
    [initial, currentValue],
  );
  const register = useCallback((name: string, fieldRules: FieldRules): FieldRegistration => {
    rules.current.set(name, fieldRules);
    return {
      name,
      ref: (element) => {
        if (element) elements.current.set(name, element);
        else elements.current.delete(name);
      },
      onChange: () => {
        // Before the first submit, typing says nothing; after it, an error clears as soon as it is fixed.
        if (!checked.current) return;
        const element = elements.current.get(name);
        const error = element ? checkField(element.value, fieldRules) : undefined;
        setErrors((e) => (e[name] === error ? e : { ...e, [name]: error }));
      },
    };
  }, []);
  const setValue = useCallback((name: string, value: string) => {
    const element = elements.current.get(name);
    if (element) element.value = value;
  }, []);
  const clearErrors = useCallback(() => setErrors({}), []);
  const validate = useCallback((): FieldValues | null => {
    checked.current = true;
    const found: Record<string, string | undefined> = {};
    for (const [name, element] of elements.current) {
      const fieldRules = rules.current.get(name);
      if (fieldRules) found[name] = checkField(element.value, fieldRules);
    }
    setErrors(found);
    const invalid = [...elements.current].filter(([name]) => found[name] !== undefined).map(([, el]) => el);
    if (invalid.length === 0) return getValues();
    // The first in the page's order, as a person reads it.
    invalid.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    invalid[0]?.focus();
    return null;
  }, [getValues]);

  return useMemo(
    () => ({ register, errors, setValue, getValues, clearErrors, validate }),
    [register, errors, setValue, getValues, clearErrors, validate],
  );
}

export const FlowFieldsContext = createContext<FlowFields | null>(null);

/** The fields of the form around the caller; throws outside a `FlowForm`, where it would be a wiring mistake. */
export function useFlowFields(): FlowFields {
  const fields = useContext(FlowFieldsContext);
  if (!fields) throw new Error('useFlowFields() must be used inside <FlowForm>.');
  return fields;
}
