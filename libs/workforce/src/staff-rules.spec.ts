import { describe, expect, it } from 'vitest';
import { today } from './dates.js';
import { fieldsNotWritable, staffStatus } from './staff-rules.js';

describe('fieldsNotWritable', () => {
  it('lets full access write anything', () => {
    expect(fieldsNotWritable({ unitId: 'x', gradeId: null, fullName: 'A' }, true)).toEqual([]);
  });

  it('lets staff write their name and work email only, naming every other field they sent', () => {
    expect(fieldsNotWritable({ fullName: 'A', workEmail: null }, false)).toEqual([]);
    expect(
      fieldsNotWritable({ fullName: 'A', unitId: 'u', lineManagerId: null, leavingDate: undefined }, false),
    ).toEqual(['unitId', 'lineManagerId']);
  });
});

describe('staffStatus', () => {
  it('is leaver from the leaving date on, active before it or without one', () => {
    expect(staffStatus({ leavingDate: null }, '2026-05-01')).toBe('active');
    expect(staffStatus({ leavingDate: '2026-05-02' }, '2026-05-01')).toBe('active');
    expect(staffStatus({ leavingDate: '2026-05-01' }, '2026-05-01')).toBe('leaver');
    expect(staffStatus({ leavingDate: '2026-04-30' }, '2026-05-01')).toBe('leaver');
  });

  it('judges against today by default', () => {
    expect(staffStatus({ leavingDate: today() })).toBe('leaver');
  });
});
