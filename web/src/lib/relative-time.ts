const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'} ago`;

/**
 * "just now", "1 minute ago", "3 hours ago", "2 days ago": how old something is, rounded down.
 * A negative age (another machine's clock is ahead) reads as "just now".
 */
export function formatTimeAgo(ageMs: number): string {
  if (!Number.isFinite(ageMs) || ageMs < MINUTE) return 'just now';
  if (ageMs < HOUR) return plural(Math.floor(ageMs / MINUTE), 'minute');
  if (ageMs < DAY) return plural(Math.floor(ageMs / HOUR), 'hour');
  return plural(Math.floor(ageMs / DAY), 'day');
}
