import type { Shape } from '../atlas';
import type { ProbeExchange } from './probe-recorder';

/** One Cost Explorer query as the probe reports it. */
export interface QueryReport {
  groupBy: string;
  outcome: string;
  /** Polls after the create (each GET of the token). */
  polls: number;
  /** How Atlas answered, in order, with repeats counted: "HTTP 102, then … ×3". */
  signals: string[];
  /** Rows of the final answer and the keys and types of a row (all rows merged). */
  rows?: number;
  rowShape?: Shape;
  ms: number;
  error?: { kind: string; status?: number; errorCode?: string };
}

/** The row array of a result (bare or enveloped), as its shape: `["n items", row shape…]`. */
function usageDetailsOf(body: Shape | undefined): Shape[] | undefined {
  if (!body || typeof body === 'string' || Array.isArray(body)) return undefined;
  for (const [key, value] of Object.entries(body)) {
    if (key.replace(/\?$/, '') === 'usageDetails' && Array.isArray(value)) return value;
    if (key.replace(/\?$/, '') === 'content') {
      const inner = usageDetailsOf(value);
      if (inner) return inner;
    }
  }
  return undefined;
}

function countRepeats(signals: string[]): string[] {
  const out: { signal: string; n: number }[] = [];
  for (const signal of signals) {
    const last = out.at(-1);
    if (last?.signal === signal) last.n += 1;
    else out.push({ signal, n: 1 });
  }
  return out.map(({ signal, n }) => (n > 1 ? `${signal} ×${n}` : signal));
}

export function summarise(input: {
  groupBy: string;
  outcome: string;
  polls: number;
  ms: number;
  exchanges: ProbeExchange[];
  error?: QueryReport['error'];
}): QueryReport {
  const signals = input.exchanges.flatMap((e) => {
    if (!e.signal) return e.error && e.path.includes('/costExplorer/') ? [e.error] : [];
    return [`${e.method === 'POST' ? 'create' : 'poll'}: ${e.signal}`];
  });
  const done = input.exchanges.findLast((e) => usageDetailsOf(e.response?.body));
  const rows = usageDetailsOf(done?.response?.body);
  const count = rows && typeof rows[0] === 'string' ? Number.parseInt(rows[0], 10) : undefined;
  const members = rows?.slice(1) ?? [];
  return {
    groupBy: input.groupBy,
    outcome: input.outcome,
    polls: input.polls,
    signals: countRepeats(signals),
    ...(count !== undefined && { rows: count }),
    ...(members.length > 0 && { rowShape: members.length === 1 ? members[0]! : members }),
    ms: input.ms,
    ...(input.error && { error: input.error }),
  };
}
