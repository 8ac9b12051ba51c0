import { useEffect, useState } from 'react';

/** The current time, re-read every `intervalMs` while `active` (for ticking elapsed time). */
export function useNow(active: boolean, intervalMs = 1000, clock: () => number = Date.now): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(clock()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, clock]);
  return now;
}
