import { createValidationPipe, ValidationFailedError } from '@capability/platform';
import type { Type } from '@nestjs/common';

/** One error as the GOV.UK error summary lists it, linked to its field. */
export interface ErrorItem {
  text: string;
  href: string;
}

export interface FormErrors {
  /** For the error summary, in the order of the form. */
  errors: ErrorItem[];
  /** Field id → message, for each field's inline error. */
  fieldErrors: Record<string, string>;
}

export type FormResult<T> = { ok: true; value: T } | ({ ok: false } & FormErrors);

const pipe = createValidationPipe();

/**
 * Checks a form's fields with the API's own DTO class and validation pipe (the same rules, whitelist and
 * transformation as the API route's body), so a page holds no second copy of a rule. `messages` gives
 * each field's wording for a person (GOV.UK style); a field without one shows the API's message.
 * `order` lists the fields as the form does, for the summary.
 */
export async function checkForm<T>(
  dto: Type<T>,
  input: object,
  messages: Record<string, string> = {},
  order: string[] = [],
): Promise<FormResult<T>> {
  try {
    const value = (await pipe.transform(input, { type: 'body', metatype: dto })) as T;
    return { ok: true, value };
  } catch (err) {
    if (!(err instanceof ValidationFailedError)) throw err;
    const problems = (err.extensions.errors as { field: string; message: string }[]) ?? [];
    return { ok: false, ...formErrors(problems, messages, order) };
  }
}

/** Field problems (the API's `{ field, message }`) as the error summary and inline errors show them. */
export function formErrors(
  problems: readonly { field: string; message: string }[],
  messages: Record<string, string> = {},
  order: string[] = [],
): FormErrors {
  const fieldErrors: Record<string, string> = {};
  for (const { field, message } of problems) {
    const id = field.split(/[.[]/)[0] ?? field;
    fieldErrors[id] ??= messages[id] ?? message;
  }
  const rank = (id: string): number => (order.includes(id) ? order.indexOf(id) : order.length);
  const errors = Object.entries(fieldErrors)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([id, text]) => ({ text, href: `#${id}` }));
  return { errors, fieldErrors };
}

/** A GOV.UK date input's three fields (`<name>-day`, `-month`, `-year`) as YYYY-MM-DD, or what was typed. */
export function dateFromInput(form: Record<string, unknown>, name: string): string | undefined {
  const part = (suffix: string): string => {
    const value = form[`${name}-${suffix}`];
    return typeof value === 'string' ? value.trim() : '';
  };
  const [day, month, year] = [part('day'), part('month'), part('year')];
  if (day === '' && month === '' && year === '') return undefined;
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return `${year}-${month}-${day}`;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}
