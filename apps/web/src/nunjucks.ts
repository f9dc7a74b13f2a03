import type { Environment } from 'nunjucks';

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: 'Europe/London',
});
const NUMBER = new Intl.NumberFormat('en-GB');

const asDate = (value: unknown): Date | undefined => {
  if (value instanceof Date) return value;
  if (typeof value === 'string' && value !== '') {
    const d = new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
};

/** The filters the templates use, written as the GOV.UK style guide writes dates and numbers. */
export function configureNunjucks(env: Environment): void {
  env.addFilter('govukDate', (value: unknown) => {
    const d = asDate(value);
    return d ? DATE.format(d) : '';
  });
  env.addFilter('govukDateTime', (value: unknown) => {
    const d = asDate(value);
    return d ? DATE_TIME.format(d).replace(' am', 'am').replace(' pm', 'pm') : '';
  });
  env.addFilter('number', (value: unknown) => (typeof value === 'number' ? NUMBER.format(value) : ''));
  env.addFilter('percent', (value: unknown) =>
    typeof value === 'number' ? `${NUMBER.format(Math.round(value * 10) / 10)}%` : '',
  );
}
