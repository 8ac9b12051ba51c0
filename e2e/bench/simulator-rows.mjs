// Fetches a large cost result straight from the embedded Atlas simulator, the way Atlas would
// answer it, and shapes it as the BFF passes rows to the browser (integer cents, clusterId).
// Straight from the simulator because the BFF's contract caps a filter at 500 values: one BFF
// query grouped by clusters cannot return 100,000 rows.

// The simulator's documented demo credentials (bff/src/simulator/auth/credentials.ts).
const DEMO_CLIENT_ID = 'mdb_sa_id_demo000000000000000000';
const DEMO_CLIENT_SECRET = 'mdb_sa_sk_demo-secret-not-for-production-0000';
const ATLAS_JSON = 'application/vnd.atlas.2023-01-01+json';

function monthStart(date, offset) {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1));
  return d.toISOString().slice(0, 10);
}

/** Every month Atlas keeps (18 back) through the current one, grouped by every cluster. */
export async function simulatorRows(simUrl, now) {
  const dataset = await (await fetch(`${simUrl}/__sim/dataset`)).json();
  const basic = Buffer.from(`${DEMO_CLIENT_ID}:${DEMO_CLIENT_SECRET}`).toString('base64');
  const tokenResponse = await fetch(`${simUrl}/api/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${basic}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const { access_token: accessToken } = await tokenResponse.json();
  const headers = {
    Authorization: `Bearer ${accessToken}`,
    Accept: ATLAS_JSON,
    'Content-Type': ATLAS_JSON,
  };
  const base = `${simUrl}/api/atlas/v2/orgs/${dataset.payingOrgId}/billing/costExplorer/usage`;
  const query = {
    startDate: monthStart(now, -18),
    endDate: monthStart(now, 1),
    groupBy: 'clusters',
    clusters: dataset.clusters.map((c) => c.id),
  };
  const created = await fetch(base, { method: 'POST', headers, body: JSON.stringify(query) });
  if (created.status !== 202) throw new Error(`simulator create: ${created.status}`);
  const { token } = await created.json();
  for (;;) {
    const response = await fetch(`${base}/${token}?envelope=true`, { headers });
    const body = await response.json();
    const result = body.content ?? (body.usageDetails ? body : null);
    if (result?.usageDetails) {
      // As bff/src/services/cost-queries/usage-rows.ts does: cents instead of the float, clusterId only.
      const rows = result.usageDetails.map(({ usageAmount, clusterUniqueId, ...row }) => ({
        ...row,
        clusterId: row.clusterId ?? clusterUniqueId,
        usageAmountCents: Math.round(usageAmount * 100),
      }));
      // The same question as the page asks it (inclusive months; the org is the page's path's).
      const question = {
        period: { kind: 'months', first: query.startDate, last: monthStart(now, 0) },
        groupBy: 'clusters',
      };
      return { rows, query, question, clusters: query.clusters };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The rows of whole clusters (first seen first) until there are at least `count`, in order. */
export function rowsOfClusters(rows, count) {
  const perCluster = new Map();
  for (const row of rows) perCluster.set(row.clusterId, (perCluster.get(row.clusterId) ?? 0) + 1);
  const chosen = new Set();
  let total = 0;
  for (const [cluster, n] of perCluster) {
    if (total >= count) break;
    chosen.add(cluster);
    total += n;
  }
  return rows.filter((row) => chosen.has(row.clusterId));
}
