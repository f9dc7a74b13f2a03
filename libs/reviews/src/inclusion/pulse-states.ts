/**
 * A pulse's life: draft (editable) → open (answered by the staff in its unit subtree until its closing
 * date) → closed (results readable). Pure: the service asks here and never compares states itself.
 */
export const PULSE_STATES = ['draft', 'open', 'closed'] as const;
export type PulseState = (typeof PULSE_STATES)[number];

export const PULSE_ACTIONS = ['edit', 'open', 'close', 'respond', 'read-results'] as const;
export type PulseAction = (typeof PULSE_ACTIONS)[number];

/** In which states each action is allowed; `open` and `close` also name the state they lead to. */
const ALLOWED: Readonly<Record<PulseAction, readonly PulseState[]>> = {
  edit: ['draft'],
  open: ['draft'],
  close: ['open'],
  respond: ['open'],
  'read-results': ['closed'],
};

const LEADS_TO: Partial<Record<PulseAction, PulseState>> = { open: 'open', close: 'closed' };

export function pulseAllows(state: PulseState, action: PulseAction): boolean {
  return ALLOWED[action].includes(state);
}

/** The state after `action`, or null when the action is not allowed in `state`. */
export function pulseTransition(state: PulseState, action: 'open' | 'close'): PulseState | null {
  return pulseAllows(state, action) ? (LEADS_TO[action] ?? null) : null;
}

/** Whether a pulse in `state` closing on `closesOn` still takes answers on `today` (the closing day included). */
export function pulseTakesAnswers(state: PulseState, closesOn: string | null, today: string): boolean {
  return pulseAllows(state, 'respond') && closesOn !== null && today <= closesOn;
}
