import { ValidationFailedError } from '@capability/platform';
import { describe, expect, it } from 'vitest';
import { addMonths, monthRange } from './partner-performance.service.js';

describe('partner performance months', () => {
  it('moves across years both ways', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-03', -11)).toBe('2025-04');
    expect(addMonths('2026-03', -27)).toBe('2023-12');
    expect(addMonths('2026-03', 0)).toBe('2026-03');
  });

  it('defaults to the twelve months up to and including the current one', () => {
    expect(monthRange({}, '2026-12-03')).toEqual({ from: '2026-01', to: '2026-12' });
    expect(monthRange({}, '2026-02-28')).toEqual({ from: '2025-03', to: '2026-02' });
    expect(monthRange({ to: '2025-06' }, '2026-12-03')).toEqual({ from: '2024-07', to: '2025-06' });
    expect(monthRange({ from: '2026-11' }, '2026-12-03')).toEqual({ from: '2026-11', to: '2026-12' });
  });

  it('takes one month, up to 36, and refuses a reversed or longer range', () => {
    expect(monthRange({ from: '2026-05', to: '2026-05' })).toEqual({ from: '2026-05', to: '2026-05' });
    expect(monthRange({ from: '2024-01', to: '2026-12' })).toEqual({ from: '2024-01', to: '2026-12' });
    expect(() => monthRange({ from: '2023-12', to: '2026-12' })).toThrow(ValidationFailedError);
    expect(() => monthRange({ from: '2026-06', to: '2026-05' })).toThrow(ValidationFailedError);
    // `from` after the current month, `to` left to default.
    expect(() => monthRange({ from: '2027-01' }, '2026-12-03')).toThrow(ValidationFailedError);
  });
});
