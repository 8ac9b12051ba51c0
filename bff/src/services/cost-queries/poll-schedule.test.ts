import { describe, expect, it } from 'vitest';
import { firstPollDelayMs, nextPollDelayMs, type PollSchedule } from './poll-schedule';

const DEFAULTS: PollSchedule = {
  initialMs: 1000,
  maxMs: 10_000,
  firstMs: 250,
  denseMs: 500,
  denseForMs: 10_000,
};

/** The times (ms after the query was asked) at which a query still processing is polled. */
function pollTimes(poll: PollSchedule, untilMs: number): number[] {
  const times: number[] = [];
  let delay = firstPollDelayMs(poll);
  let at = delay;
  while (at <= untilMs) {
    times.push(at);
    delay = nextPollDelayMs(delay, at, poll);
    at += delay;
  }
  return times;
}

describe('the BFF’s schedule of Atlas polls', () => {
  it('polls 250 ms after the query, then every 500 ms for the first 10 s', () => {
    const times = pollTimes(DEFAULTS, 10_000);
    expect(times.slice(0, 4)).toEqual([250, 750, 1250, 1750]);
    expect(times.at(-1)).toBe(9750);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.max(...gaps)).toBe(500);
  });

  it('then backs off by doubling to POLL_MAX_MS', () => {
    const later = pollTimes(DEFAULTS, 60_000).filter((t) => t > 9750);
    expect(later.slice(0, 5)).toEqual([10_750, 12_750, 16_750, 24_750, 34_750]);
    expect(later.at(-1)! - later.at(-2)!).toBe(10_000);
  });

  it('sees a 4 s query within half a second, in at most 12 Atlas calls (with the POST)', () => {
    const polls = pollTimes(DEFAULTS, 60_000);
    const seenAt = polls.find((t) => t >= 4000)!;
    expect(seenAt - 4000).toBeLessThanOrEqual(500);
    expect(polls.filter((t) => t <= seenAt).length + 1).toBeLessThanOrEqual(12);
  });

  it('never spaces polls wider than POLL_MAX_MS, and without a dense phase only doubles', () => {
    const fast = { ...DEFAULTS, maxMs: 40, denseForMs: 0 };
    expect(pollTimes(fast, 200).slice(0, 4)).toEqual([40, 80, 120, 160]);
    const plain = { ...DEFAULTS, firstMs: 1000, denseForMs: 0 };
    expect(pollTimes(plain, 20_000)).toEqual([1000, 3000, 7000, 15_000]);
  });
});
