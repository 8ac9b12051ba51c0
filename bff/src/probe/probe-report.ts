import type { Shape } from '../atlas';
import type { ProbeReport } from './probe';

/** A row shape as `key: type` pairs, one per line (nested shapes as compact JSON). */
function rowLines(shape: Shape | undefined): string[] {
  if (shape === undefined) return ['      (no rows)'];
  if (typeof shape === 'string' || Array.isArray(shape)) return [`      ${JSON.stringify(shape)}`];
  return Object.entries(shape).map(
    ([key, value]) => `      ${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
  );
}

/** What the probe learned, for a terminal; the same facts as the --out file, minus the lines. */
export function formatProbeReport(report: ProbeReport): string {
  const out: string[] = [];
  const where =
    report.target === 'simulator'
      ? `the built-in simulator (profile ${report.simulatorProfile}), no credentials configured`
      : 'MongoDB Atlas, with the configured credentials';
  out.push(`Atlas Cost Explorer probe: ${where}`);
  out.push(`  auth: ${report.auth}; month: ${report.month.startDate.slice(0, 7)}`);
  if (report.organizationsVisible !== undefined) {
    out.push(
      `  organizations visible: ${report.organizationsVisible} (probed: ${report.organizationChosen})`,
    );
  }
  out.push('', 'How each query answered (processing signal, polls, rows)');
  for (const q of report.queries) {
    const rows = q.rows === undefined ? '' : `, ${q.rows} rows`;
    const error = q.error
      ? ` (${[q.error.kind, q.error.status, q.error.errorCode].filter(Boolean).join(' ')})`
      : '';
    out.push(
      `  group by ${q.groupBy}: ${q.outcome}${error}, ${q.polls} poll${q.polls === 1 ? '' : 's'}${rows}, ${q.ms} ms`,
    );
    for (const signal of q.signals) out.push(`      ${signal}`);
  }
  out.push('', 'Keys of a row per group-by (types, never values)');
  for (const q of report.queries) {
    out.push(`    ${q.groupBy}:`, ...rowLines(q.rowShape));
  }
  const { rateLimit } = report;
  out.push('', 'Rate-limit headers');
  out.push(
    `  RateLimit-Limit: ${rateLimit.limits.join(', ') || 'not sent'}; lowest RateLimit-Remaining: ${
      rateLimit.lowestRemaining ?? 'not sent'
    }; Retry-After: ${rateLimit.retryAfter.join(', ') || 'not sent'}`,
  );
  const ms = report.exchanges.map((e) => e.ms).sort((a, b) => a - b);
  out.push(
    '',
    `Exchanges: ${report.exchanges.length} (slowest ${ms.at(-1) ?? 0} ms, median ${
      ms[Math.floor(ms.length / 2)] ?? 0
    } ms); the --out file lists each one.`,
  );
  if (report.stopped) out.push('', `Stopped early: ${report.stopped}`);
  return `${out.join('\n')}\n`;
}
