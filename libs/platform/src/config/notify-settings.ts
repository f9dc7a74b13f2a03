const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** A GOV.UK Notify API key: `{key name}-{service id}-{secret}`, the last two uuids (what the client cuts it into). */
export const NOTIFY_API_KEY_FORMAT = new RegExp(`^\\S.*-${UUID}-${UUID}$`, 'i');

const TEMPLATE_KEY = /^[a-z0-9][a-z0-9-]{0,99}$/;
const TEMPLATE_ID = new RegExp(`^${UUID}$`, 'i');

/**
 * NOTIFY_TEMPLATES as template key → Notify template id: a JSON object (`{"review-reminder-7-days": "<uuid>"}`)
 * or `key=uuid,key=uuid`. Keys are kebab-case template keys as the outbox stores them, ids are uuids.
 */
export function parseNotifyTemplates(raw: string): { templates: Record<string, string> } | { problems: string[] } {
  const text = raw.trim();
  let entries: [string, unknown][];
  if (text.startsWith('{') || text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return {
        problems: ['must be a JSON object or key=templateId pairs separated by commas (the JSON is not valid)'],
      };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { problems: ['must be a JSON object of template key → template id'] };
    }
    entries = Object.entries(parsed);
  } else {
    entries = [];
    for (const pair of text.split(',').map((p) => p.trim())) {
      if (pair === '') continue;
      const at = pair.indexOf('=');
      if (at < 0) return { problems: [`"${pair.slice(0, 100)}" is not key=templateId`] };
      entries.push([pair.slice(0, at).trim(), pair.slice(at + 1).trim()]);
    }
  }
  const problems: string[] = [];
  const templates: Record<string, string> = {};
  for (const [key, id] of entries) {
    if (!TEMPLATE_KEY.test(key)) {
      problems.push(`"${key.slice(0, 100)}" is not a template key (lower-case letters, digits and dashes)`);
    } else if (typeof id !== 'string' || !TEMPLATE_ID.test(id)) {
      problems.push(`the template id of ${key} must be a uuid (the id Notify shows for the template)`);
    } else if (key in templates) {
      problems.push(`${key} is given twice`);
    } else {
      templates[key] = id.toLowerCase();
    }
  }
  return problems.length > 0 ? { problems } : { templates };
}
