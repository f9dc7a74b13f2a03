const DAY_MS = 86_400_000;
let cached = { day: '', from: 0, until: 0 };

/**
 * Today's date (UTC), as `YYYY-MM-DD`: the day against which "current" and "leaver" are judged.
 * Without an argument the string is kept until UTC midnight (every point read asks for it).
 */
export function today(now?: Date): string {
  if (now) return now.toISOString().slice(0, 10);
  const ms = Date.now();
  if (ms < cached.from || ms >= cached.until) {
    const from = Math.floor(ms / DAY_MS) * DAY_MS;
    cached = { day: new Date(from).toISOString().slice(0, 10), from, until: from + DAY_MS };
  }
  return cached.day;
}
