/**
 * Whether a priority is on track, from its baseline (the figure when the plan was activated) at the plan's start
 * to its target at the priority's due date, along a straight line: the figure expected today is
 * `baseline + (target − baseline) × f`, where `f` is the share of the time from the plan's start to the due date
 * gone by today (0 before the start, 1 from the due date on), rounded to one decimal. A priority is on track when
 * the figure now is at least the expected one. Unknown (null) when the figure now or the baseline is (suppressed,
 * or a draft plan with no baseline yet).
 */
export function expectedNow(baseline: number, target: number, startsOn: string, dueOn: string, today: string): number {
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  const span = day(dueOn) - day(startsOn);
  const f = span <= 0 ? 1 : Math.min(1, Math.max(0, (day(today) - day(startsOn)) / span));
  return Math.round((baseline + (target - baseline) * f) * 10) / 10;
}

/** A percentage with one decimal; null below `MIN_GROUP` people (as reports suppress small groups). */
export const MIN_GROUP = 5;
export function share(people: number, meeting: number): number | null {
  if (people < MIN_GROUP) return null;
  return Math.round((1000 * meeting) / people) / 10;
}
