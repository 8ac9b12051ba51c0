/**
 * Deterministic randomness. Structure (orgs, projects, clusters) comes from a seeded mulberry32
 * stream; per-charge noise comes from a stateless hash so any (cluster, month, service) amount can
 * be computed on its own, in any order, without generating the rest of the history.
 */

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(h: number, part: number): number {
  h = Math.imul(h ^ (part | 0), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** A 32-bit mix of four small integers (murmur3 finaliser per step); fixed arity keeps it fast. */
export function hash32(a: number, b: number, c: number, d: number): number {
  return mix(mix(mix(mix(0x9e3779b9, a), b), c), d) >>> 0;
}

/** A uniform number in [0, 1) from the hash of the parts. */
export function unitHash(a: number, b: number, c: number, d: number): number {
  return hash32(a, b, c, d) / 4294967296;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick() from an empty list');
  return item;
}

/** Picks by weight: `[[value, weight], …]`. */
export function pickWeighted<T>(rng: Rng, table: ReadonlyArray<readonly [T, number]>): T {
  const total = table.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rng() * total;
  for (const [value, weight] of table) {
    roll -= weight;
    if (roll < 0) return value;
  }
  const last = table[table.length - 1];
  if (!last) throw new Error('pickWeighted() from an empty table');
  return last[0];
}

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

/**
 * A 24-hex id shaped like a MongoDB ObjectId: 4 bytes of creation time, then 8 bytes that are
 * random here. Atlas ids are ObjectIds, so a client that decodes the timestamp sees a sane date.
 */
export function objectId(epochMs: number, random1: number, random2: number): string {
  return hex8(Math.floor(epochMs / 1000)) + hex8(random1) + hex8(random2);
}

export function rngObjectId(rng: Rng, epochMs: number): string {
  return objectId(epochMs, Math.floor(rng() * 4294967296), Math.floor(rng() * 4294967296));
}

/**
 * The time part of generated ids depends only on how long before the anchor month something was
 * created, never on the calendar: ids stay the same from one month to the next, so saved presets
 * and bookmarks that name demo projects or clusters keep working.
 */
export function stableIdTime(monthsBeforeAnchor: number, day: number): number {
  return Date.UTC(2020, 0, 1) + (120 - monthsBeforeAnchor) * 30 * 86_400_000 + day * 86_400_000;
}
