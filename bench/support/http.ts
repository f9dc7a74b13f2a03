/** Small HTTP helpers for the benchmark's calls to the API. */

export async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`Login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export function importCsv(url: string, token: string, csv: Buffer): Promise<Record<string, unknown>> {
  return postCsv(url, '/api/v1/staff/import', token, csv);
}

/** Downloads the export to the end; the number of bytes. */
export async function exportCsv(url: string, token: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/staff/export.csv`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200 || !res.body) throw new Error(`Export failed: ${res.status}`);
  let bytes = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return bytes;
}

export async function listPage(
  url: string,
  token: string,
  limit: number,
  cursor?: string | null,
): Promise<{ items: unknown[]; nextCursor: string | null }> {
  const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
  const res = await fetch(`${url}/api/v1/staff?${query.toString()}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`List failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { items: unknown[]; nextCursor: string | null };
}

/** POSTs a CSV file to `path` (an import route); the answer when it is `status`, else an error. */
export async function postCsv(
  url: string,
  path: string,
  token: string,
  csv: Buffer,
  status = 201,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: csv,
  });
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status !== status) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(body).slice(0, 2000)}`);
  return body;
}

/** A JSON request to the API; the answer's body when it is `status`, else an error. */
export async function sendJson<T>(
  url: string,
  method: string,
  path: string,
  token: string,
  body: unknown,
  status: number,
): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 2000)}`);
  return JSON.parse(text) as T;
}
