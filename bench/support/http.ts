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

export async function importCsv(url: string, token: string, csv: Buffer): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/api/v1/staff/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: csv,
  });
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status !== 201) throw new Error(`Import failed: ${res.status} ${JSON.stringify(body).slice(0, 2000)}`);
  return body;
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
