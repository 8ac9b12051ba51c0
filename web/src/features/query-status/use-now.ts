import { useEffect, useState } from 'react';

/**
 * The current time, re-read every `intervalMs` while `active` (for ticking elapsed time), and
 * at once whenever `since` changes (new data: a countdown must not start from a stale second).
 */
export function useNow(
  active: boolean,
  intervalMs = 1000,
  clock: () => number = Date.now,
  since?: unknown,
): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(clock());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [active, intervalMs, clock, since]);
  return now;
}
