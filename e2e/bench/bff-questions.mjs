// Questions of a chosen size, asked of the real BFF (its simulator makes the rows): the render
// benchmark's results come through the BFF's whole path (parts, summary, compression), not a
// hand-made answer.
const csrf = { 'X-CSRF': '1', 'Content-Type': 'application/json' };

function monthStart(date, offset) {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1));
  return d.toISOString().slice(0, 10);
}

/** Asks the BFF and waits for the answer; returns the finished state (summary, totals). */
export async function askBff(url, orgId, question) {
  let created;
  for (;;) {
    created = await fetch(`${url}/api/orgs/${orgId}/cost-queries`, {
      method: 'POST',
      headers: csrf,
      body: JSON.stringify(question),
    });
    // At scale 240 the lists a group-by over every cluster needs take more than one budget's
    // worth of Atlas calls: the BFF says when to come back (what the page does too).
    const retryAfter = Number(created.headers.get('retry-after'));
    if ((created.status !== 503 && created.status !== 429) || !retryAfter) break;
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
  }
  if (created.status !== 202) {
    throw new Error(`create: HTTP ${created.status} ${await created.text()}`);
  }
  const { id } = await created.json();
  for (;;) {
    const poll = await fetch(`${url}/api/orgs/${orgId}/cost-queries/${id}?wait=20`, {
      headers: csrf,
    });
    const state = await poll.json();
    if (state.status === 'done') return state;
    if (state.status !== 'processing')
      throw new Error(`query ${state.status}: ${state.error?.detail}`);
  }
}

/** The last `months` months through the current one (all 19 Atlas keeps), grouped by cluster. */
export function clustersQuestion(now, projects = [], months = 19) {
  return {
    period: { kind: 'months', first: monthStart(now, 1 - months), last: monthStart(now, 0) },
    filters: { organizations: [], projects, clusters: [], services: [] },
    groupBy: 'clusters',
    includePartialMatches: false,
  };
}

/**
 * A clusters question over enough of the org's projects for about `target` rows (at least, when
 * the org has them), over `months` months: asked once with a sample to learn the rows per
 * project, then with enough projects, and the answer kept in the BFF's cache (the page's run
 * then measures rendering).
 */
export async function questionOfSize(url, orgId, now, target, months = 19) {
  const listed = await (await fetch(`${url}/api/orgs/${orgId}/projects`, { headers: csrf })).json();
  const projects = listed.items.map((p) => p.id);
  const sample = projects.slice(0, Math.min(20, projects.length));
  const sampled = await askBff(url, orgId, clustersQuestion(now, sample, months));
  const perProject = sampled.result.totals.rowCount / sample.length;
  const count = Math.ceil((target * 1.02) / perProject);
  // Past 500 (a filter's most) or past every project: no project filter, every cluster.
  const chosen = count >= Math.min(500, projects.length) ? [] : projects.slice(0, count);
  const question = clustersQuestion(now, chosen, months);
  const done = await askBff(url, orgId, question);
  const { rowCount } = done.result.totals;
  // Too many rows with every cluster (or the fewest projects this estimate allows): fewer months.
  if (rowCount > target * 1.5 && months > 1) {
    const fewer = Math.max(1, Math.ceil((months * target * 1.05) / rowCount));
    if (fewer < months) return questionOfSize(url, orgId, now, target, fewer);
  }
  return { question, rowCount, groups: done.result.summary.groups.length };
}

export async function firstOrg(url) {
  const orgs = await (await fetch(`${url}/api/orgs`, { headers: csrf })).json();
  return orgs.items[0].id;
}
