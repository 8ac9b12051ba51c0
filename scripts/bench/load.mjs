// The BFF's own cost: cached polls under 50 connections, next to bare Express 5 and node:http.
import autocannon from 'autocannon';
import { cpuMs, rssMb } from './processes.mjs';

async function hammer(server, path, durationS) {
  const cpuBefore = cpuMs(server.pid);
  const result = await autocannon({
    url: `${server.url}${path}`,
    connections: 50,
    duration: durationS,
    headers: { 'X-CSRF': '1' },
  });
  return {
    rps: Math.round(result.requests.average),
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    // The server's own CPU per answer: what it would cost on a machine nobody else uses.
    cpuUs: Math.round(((cpuMs(server.pid) - cpuBefore) * 1000) / result.requests.total),
  };
}

/**
 * Three rounds of node:http → Express → BFF, back to back, so a machine that gets busier or
 * quieter meanwhile (a shared CI box) affects the three alike; the BFF's RSS after each round.
 */
export async function runLoad({ bare, bff, path, durationS }) {
  const servers = [...Object.entries(bare), ['BFF', bff]];
  const rssBefore = rssMb(bff.pid);
  for (const [, server] of servers) await hammer(server, path, 1); // warm-up
  const rounds = [];
  for (let round = 1; round <= 3; round += 1) {
    const figures = {};
    for (const [name, server] of servers) {
      figures[name] = await hammer(server, path, durationS);
    }
    // Let V8's idle-time GC settle, so RSS shows what stays, not the last second's garbage.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    rounds.push({ round, figures, rssMb: rssMb(bff.pid) });
  }
  return { rssBefore, rounds };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export function printLoad({ rssBefore, rounds }, fig, formatTable) {
  const names = Object.keys(rounds[0].figures);
  const rows = rounds.flatMap(({ round, figures, rssMb }) =>
    names.map((name) => {
      const f = figures[name];
      const share =
        name === 'BFF' ? `${Math.round((f.rps / figures['bare Express 5'].rps) * 100)} %` : '';
      return [round, name, f.rps, f.p99Ms, f.cpuUs, f.errors, share, name === 'BFF' ? rssMb : ''];
    }),
  );
  console.log(
    formatTable(
      ['round', 'server', 'req/s', 'p99 ms', 'CPU µs/req', 'errors', 'BFF ÷ Express', 'BFF RSS MB'],
      rows,
    ),
  );
  const bffRuns = rounds.map((r) => r.figures.BFF);
  const shares = rounds.map((r) => (r.figures.BFF.rps / r.figures['bare Express 5'].rps) * 100);
  const share = Math.round(median(shares));
  const rss = rounds.map((r) => r.rssMb);
  const growth = Math.round((rss[2] - rss[0]) * 10) / 10;
  console.log(`\nBFF RSS: ${rssBefore} MB before, ${rss.join(' → ')} MB after each round\n`);
  fig('cached poll, BFF (median round)', median(bffRuns.map((r) => r.rps)), 'req/s', '', true);
  fig(
    'cached poll, bare Express 5 (median)',
    median(rounds.map((r) => r.figures['bare Express 5'].rps)),
    'req/s',
    '',
    true,
  );
  fig(
    'cached poll, bare node:http (median)',
    median(rounds.map((r) => r.figures['bare node:http'].rps)),
    'req/s',
    '',
    true,
  );
  fig('BFF ÷ bare Express (median of rounds)', share, '%', '≥ 60', share >= 60);
  const cpu = (name) => median(rounds.map((r) => r.figures[name].cpuUs));
  fig(
    'server CPU per cached poll (BFF / Express / node:http)',
    `${cpu('BFF')} / ${cpu('bare Express 5')} / ${cpu('bare node:http')}`,
    'µs',
    '',
    true,
  );
  const cpuShare = Math.round((cpu('bare Express 5') / cpu('BFF')) * 100);
  fig('BFF ÷ Express by server CPU per request', cpuShare, '%', '≥ 60', cpuShare >= 60);
  const p99 = median(bffRuns.map((r) => r.p99Ms));
  fig('cached poll p99, BFF (median round)', p99, 'ms', '≤ 25', p99 <= 25);
  const errors = bffRuns.reduce((n, r) => n + r.errors, 0);
  fig('BFF errors + timeouts + non-2xx', errors, '', '0', errors === 0);
  fig('BFF RSS after round 3', rss[2], 'MB', '< 250', rss[2] < 250);
  fig('BFF RSS growth round 1 → 3', growth, 'MB', '< 10', growth < 10);
}
