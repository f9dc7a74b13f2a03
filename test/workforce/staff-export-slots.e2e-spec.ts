import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportSlots,
  StaffExportRepository,
  type ExportStream,
} from '../../libs/workforce/src/staff-export/staff-export.repository.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/factories.js';

const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Reads an export to its end, as a client downloading it would. */
async function drain(running: ExportStream): Promise<{ rows: number; complete: boolean }> {
  running.stream.resume();
  return running.done;
}

describe('export slots: a burst of exports cannot take the whole pool', () => {
  let t: TestApp;
  let exports: StaffExportRepository;

  beforeAll(async () => {
    // A pool of three: one export streams at a time, two connections stay for everything else.
    t = await createTestApp({ DATABASE_POOL_MAX: '3' });
    exports = t.app.get(StaffExportRepository);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('gives exports a third of the pool, at least one', () => {
    expect([1, 3, 5, 10, 20].map(exportSlots)).toEqual([1, 1, 1, 3, 6]);
  });

  it('keeps a second export waiting, without a connection, until the first is read, while other requests go on', async () => {
    const admin = await signedIn(t, { roles: ['admin'] });
    // Not read yet: the first export holds its slot and its connection, as a slow download would.
    const first = await exports.open('TRUE');
    let second: ExportStream | undefined;
    const opening = exports.open('TRUE').then((s) => (second = s));
    await settle(300);
    expect(second).toBeUndefined();
    expect(exports.load).toEqual({ streaming: 1, waiting: 1 });
    // The rest of the pool still serves requests, one after another and at once.
    const reads = await Promise.all([1, 2, 3, 4].map(() => t.http().get('/api/v1/staff').set(admin.auth)));
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await drain(first)).toMatchObject({ complete: true });
    await opening;
    expect(second).toBeDefined();
    expect(exports.load).toEqual({ streaming: 1, waiting: 0 });
    expect(await drain(second!)).toMatchObject({ complete: true });
    expect(exports.load).toEqual({ streaming: 0, waiting: 0 });
  });
});
