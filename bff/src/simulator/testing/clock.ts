/** A clock the test moves by hand: token expiry, processing time and month maths without sleeps. */
export function fakeClock(iso = '2026-03-15T12:00:00.000Z') {
  let ms = Date.parse(iso);
  return {
    now: () => new Date(ms),
    advance(by: number) {
      ms += by;
    },
    set(next: string) {
      ms = Date.parse(next);
    },
  };
}

export type FakeClock = ReturnType<typeof fakeClock>;
