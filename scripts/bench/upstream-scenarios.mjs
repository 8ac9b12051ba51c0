// What a question costs Atlas: through the BFF (shared job, backoff, cache) and through a naive
// client that creates its own Atlas query per user and polls it every second.

const ceCalls = (simulator) =>
  simulator.requests.filter((r) => r.route === 'createUsage' || r.route === 'getUsage').length;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The page's schedule before long polls: 1 s growing by half to 5 s, never sooner than Retry-After. */
const oldPageDelayMs = (attempt, retryAfterS) =>
  Math.max(Math.min(1000 * 1.5 ** attempt, 5000), retryAfterS ? retryAfterS * 1000 : 0);

/**
 * One browser: POST the dashboard question to the BFF, then poll it until it is done, as the page
 * does (`long-poll`: `?wait=20`, the next poll 100 ms after a processing answer) or as the page
 * did before long polls (`backoff`). `requests` counts every request the browser made.
 */
export async function browserRun(bffUrl, orgId, body, mode = 'long-poll') {
  const headers = { 'X-CSRF': '1', 'Content-Type': 'application/json' };
  const started = performance.now();
  const created = await fetch(`${bffUrl}/api/orgs/${orgId}/cost-queries`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  if (created.status !== 202) throw new Error(`create answered ${created.status}`);
  const { id } = await created.json();
  const wait = mode === 'long-poll' ? '?wait=20' : '';
  for (let requests = 2; ; requests++) {
    const res = await fetch(`${bffUrl}/api/orgs/${orgId}/cost-queries/${id}${wait}`, { headers });
    const state = await res.json();
    if (state.status === 'done') return { ms: performance.now() - started, id, state, requests };
    if (state.status === 'failed') throw new Error(`query failed: ${state.error.title}`);
    const retryAfter = Number(res.headers.get('retry-after') ?? 0);
    await sleep(mode === 'long-poll' ? 100 : oldPageDelayMs(requests - 2, retryAfter));
  }
}

/** One naive user: its own Atlas query, polled every second until done. */
async function naiveRun(atlas, orgId, body) {
  const started = performance.now();
  const { token } = await atlas.createUsageQuery(orgId, body);
  for (;;) {
    await sleep(1000);
    const answer = await atlas.getUsageQuery(orgId, token);
    if (answer.status === 'done') return { ms: performance.now() - started };
  }
}

async function measure(simulator, users, run) {
  simulator.clearRequests();
  const results = await Promise.all(Array.from({ length: users }, run));
  const times = results.map((r) => r.ms).sort((a, b) => a - b);
  const requests = results.map((r) => r.requests ?? 0).sort((a, b) => a - b);
  return {
    calls: ceCalls(simulator),
    requests: requests[Math.floor(requests.length / 2)],
    medianS: times[Math.floor(times.length / 2)] / 1000,
    maxS: times.at(-1) / 1000,
    results,
  };
}

export async function runUpstreamScenarios({ simulator, bffUrl, atlas, orgId, queries }) {
  const rows = [];
  const add = (who, users, m) => rows.push({ who, users, ...m });
  add(
    'BFF',
    1,
    await measure(simulator, 1, () => browserRun(bffUrl, orgId, queries.single.dashboard)),
  );
  add('naive', 1, await measure(simulator, 1, () => naiveRun(atlas, orgId, queries.single.atlas)));
  add(
    'BFF, page polling as before long polls',
    1,
    await measure(simulator, 1, () =>
      browserRun(
        bffUrl,
        orgId,
        { ...queries.single.dashboard, includePartialMatches: true },
        'backoff',
      ),
    ),
  );
  add(
    'BFF',
    20,
    await measure(simulator, 20, () => browserRun(bffUrl, orgId, queries.crowd.dashboard)),
  );
  add('naive', 20, await measure(simulator, 20, () => naiveRun(atlas, orgId, queries.crowd.atlas)));
  add(
    'BFF, repeat within TTL',
    20,
    await measure(simulator, 20, () => browserRun(bffUrl, orgId, queries.crowd.dashboard)),
  );
  return rows;
}

export function printUpstream(rows, fig, formatTable) {
  console.log(
    formatTable(
      [
        'client',
        'users',
        'Atlas calls',
        'median time-to-result s',
        'max s',
        'BFF requests/browser',
      ],
      rows.map((r) => [
        r.who,
        r.users,
        r.calls,
        r.medianS.toFixed(2),
        r.maxS.toFixed(2),
        r.requests || '',
      ]),
    ),
  );
  const [bff1, naive1, before1, bff20, naive20, repeat] = rows;
  const ratio = Math.round((naive20.calls / bff20.calls) * 10) / 10;
  console.log(`\nnaive ÷ BFF Atlas calls for 20 users: ${ratio}×\n`);
  fig('Atlas calls, 1 user (BFF / naive)', `${bff1.calls} / ${naive1.calls}`, '', '', true);
  fig('Atlas calls, 20 users (BFF / naive)', `${bff20.calls} / ${naive20.calls}`, '', '', true);
  fig('naive ÷ BFF calls, 20 users', ratio, '×', '', true);
  fig(
    '20 users cost Atlas what 1 costs',
    bff20.calls,
    'calls',
    `≤ ${bff1.calls}`,
    bff20.calls <= bff1.calls,
  );
  fig('repeat within cache TTL', repeat.calls, 'calls', '0', repeat.calls === 0);
  const times = (a, b) => `${a.medianS.toFixed(1)} / ${b.medianS.toFixed(1)}`;
  fig('time-to-result, 1 user (BFF / naive)', times(bff1, naive1), 's', '', true);
  fig('time-to-result, 20 users (BFF / naive)', times(bff20, naive20), 's', '', true);
  fig('time-to-result, repeat (BFF)', repeat.medianS.toFixed(2), 's', '', true);
  const lag = (a, b) => a.medianS - b.medianS;
  fig(
    'BFF − naive time-to-result, 1 user',
    lag(bff1, naive1).toFixed(2),
    's',
    '≤ 0.5',
    lag(bff1, naive1) <= 0.5,
  );
  fig(
    'BFF − naive time-to-result, 20 users',
    lag(bff20, naive20).toFixed(2),
    's',
    '≤ 0.5',
    lag(bff20, naive20) <= 0.5,
  );
  fig(
    'BFF requests per browser (long poll / page before)',
    `${bff1.requests} / ${before1.requests}`,
    '',
    '',
    true,
  );
  fig('time-to-result with the page before long polls', before1.medianS.toFixed(1), 's', '', true);
}

/**
 * Results kept by month: the last three closed months, then the last four. Only the one month
 * not yet known is asked of Atlas (one create), and the answer is the same as one query's.
 */
export async function runMonthReuse({ simulator, bffUrl, orgId, question }) {
  const filters = { services: ['Backup', 'Clusters'] };
  await browserRun(bffUrl, orgId, question(3, filters));
  simulator.clearRequests();
  const started = performance.now();
  const four = await browserRun(bffUrl, orgId, question(4, filters));
  const creates = simulator.requests.filter((r) => r.route === 'createUsage');
  const asked = creates.map((r) => {
    const body = JSON.parse(r.body);
    return `${body.startDate.slice(0, 7)}…${body.endDate.slice(0, 7)} (end exclusive)`;
  });
  return {
    creates: creates.length,
    asked,
    first: question(4).period.first.slice(0, 7),
    last: question(4).period.last.slice(0, 7),
    seconds: (performance.now() - started) / 1000,
    rows: four.state.result.totals.rowCount,
  };
}

export function printMonthReuse(reuse, fig) {
  const label = `${reuse.first}…${reuse.last} after the three months before it`;
  console.log(
    `\n${label}: ${reuse.creates} Atlas create(s), asked ${reuse.asked.join(', ') || 'nothing'}; ${reuse.rows} rows in ${reuse.seconds.toFixed(2)} s\n`,
  );
  const onlyFirst = reuse.creates === 1 && reuse.asked[0]?.startsWith(reuse.first);
  fig(
    'Sep–Nov then Aug–Nov: Atlas creates for the second (the added month only)',
    reuse.creates,
    'creates',
    '1, for the added month',
    onlyFirst,
  );
}
