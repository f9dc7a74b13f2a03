import { queryPrepared, statementName } from '@capability/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

/** The hot reads' prepared statements (libs/platform/src/database/prepared.ts) on a real connection. */
describe('queryPrepared', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('prepares the statement once per connection under a name derived from its text', async () => {
    const text = 'SELECT $1::int + 1 AS n';
    await t.dataSource.transaction(async (manager) => {
      expect(await queryPrepared<{ n: number }>(manager, text, [41])).toEqual([{ n: 42 }]);
      expect(await queryPrepared<{ n: number }>(manager, text, [1])).toEqual([{ n: 2 }]);
      const prepared: { name: string; statement: string }[] = await manager.query(
        'SELECT name, statement FROM pg_prepared_statements WHERE name = $1',
        [statementName(text)],
      );
      expect(prepared).toEqual([{ name: statementName(text), statement: text }]);
    });
    expect(statementName(text)).toBe(statementName(`${text}`));
    expect(statementName(text)).not.toBe(statementName('SELECT $1::int + 2 AS n'));
  });

  it("runs on the open transaction's connection, so it sees that transaction's own writes", async () => {
    const code = `PREP${Date.now() % 100000}`;
    const text = 'SELECT code FROM locations WHERE code = $1';
    await t.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO locations (code, name, region) VALUES ($1, 'Prepared', 'Wales')`, [code]);
      expect(await queryPrepared(manager, text, [code])).toEqual([{ code }]);
      // Outside the transaction (a pooled connection) the row is not there yet.
      expect(await queryPrepared(t.dataSource.manager, text, [code])).toEqual([]);
    });
    expect(await queryPrepared(t.dataSource.manager, text, [code])).toEqual([{ code }]);
  });

  it('gives the driver error for a bad statement, and the connection stays usable', async () => {
    await expect(queryPrepared(t.dataSource.manager, 'SELECT * FROM no_such_table WHERE id = $1', [1])).rejects.toThrow(
      /no_such_table/,
    );
    expect(await queryPrepared(t.dataSource.manager, 'SELECT 1 AS one', [])).toEqual([{ one: 1 }]);
  });
});
