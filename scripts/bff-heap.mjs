// The BFF's V8 heap limit, for every launcher of the BFF (`pnpm start`, the benchmarks).
//
// Node sizes its heap from the machine's memory: on a 24 GB host it lets garbage grow to
// gigabytes before collecting, so a 1,000,000-row question left the process at 566–693 MB
// peak RSS after two refreshes, although what it holds live fits in 300 MB (the same asks
// with --max-old-space-size=300 peaked at 346–450 MB, no slower; docs/reliability.md). In a
// container Node derives the limit from the container's memory; this gives the same bound
// everywhere. BFF_MAX_HEAP_MB changes it (raise it for questions well past a million rows: a
// heap too small for one answer stops the process with "Reached heap limit"); 0 leaves Node's
// own default. An explicit --max-old-space-size in NODE_OPTIONS wins.
export const DEFAULT_BFF_MAX_HEAP_MB = 300;

/** NODE_OPTIONS for the BFF's process, from the launcher's environment. */
export function bffNodeOptions(env = process.env) {
  const current = env.NODE_OPTIONS ?? '';
  if (/--max-old-space-size\b/.test(current)) return current;
  const raw = env.BFF_MAX_HEAP_MB ?? String(DEFAULT_BFF_MAX_HEAP_MB);
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < 0) {
    throw new Error(
      `BFF_MAX_HEAP_MB must be a whole number of megabytes (0: Node's default), not "${raw}"`,
    );
  }
  return mb === 0 ? current : `${current} --max-old-space-size=${mb}`.trim();
}
