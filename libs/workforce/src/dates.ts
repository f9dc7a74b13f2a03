/** Today's date (UTC), as `YYYY-MM-DD`: the day against which "current" and "leaver" are judged. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
