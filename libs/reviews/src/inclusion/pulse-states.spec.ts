import { describe, expect, it } from 'vitest';
import { PULSE_ACTIONS, PULSE_STATES, pulseAllows, pulseTakesAnswers, pulseTransition } from './pulse-states.js';

describe('the pulse state machine', () => {
  it('allows each action in exactly these states', () => {
    const table = Object.fromEntries(
      PULSE_ACTIONS.map((action) => [action, PULSE_STATES.filter((state) => pulseAllows(state, action))]),
    );
    expect(table).toEqual({
      edit: ['draft'],
      open: ['draft'],
      close: ['open'],
      respond: ['open'],
      'read-results': ['closed'],
    });
  });

  it('goes draft → open → closed and nowhere else', () => {
    expect(pulseTransition('draft', 'open')).toBe('open');
    expect(pulseTransition('open', 'close')).toBe('closed');
    expect(pulseTransition('draft', 'close')).toBeNull();
    expect(pulseTransition('open', 'open')).toBeNull();
    expect(pulseTransition('closed', 'open')).toBeNull();
    expect(pulseTransition('closed', 'close')).toBeNull();
  });

  it('takes answers while open, up to and including the closing day', () => {
    expect(pulseTakesAnswers('open', '2026-05-15', '2026-05-14')).toBe(true);
    expect(pulseTakesAnswers('open', '2026-05-15', '2026-05-15')).toBe(true);
    expect(pulseTakesAnswers('open', '2026-05-15', '2026-05-16')).toBe(false);
    expect(pulseTakesAnswers('draft', null, '2026-05-14')).toBe(false);
    expect(pulseTakesAnswers('closed', '2026-05-15', '2026-05-14')).toBe(false);
    expect(pulseTakesAnswers('open', null, '2026-05-14')).toBe(false);
  });
});
