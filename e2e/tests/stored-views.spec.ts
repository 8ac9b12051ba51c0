import { type APIRequestContext, type Page } from '@playwright/test';
import { createdQuery, fetchDone, formatUsd, sum } from '../fixtures/cost-api';
import { dashboardPage } from '../fixtures/dashboard';
import {
  insertStoredPreset,
  presetV1,
  presetV2,
  v1Link,
  type OldQuestion,
} from '../fixtures/stored-views';
import { expect, test } from '../fixtures/test';

/**
 * The question became one shape (DashboardQuery, docs/decisions/011). Views saved before — a v=1
 * link, presets stored at schema v1 and v2 — must open to the same controls and the same grand
 * total. Old preset rows are written straight into this spec file's BFF store.
 */

const csrf = { 'X-CSRF': '1' };

test.use({ locale: 'en-US' });

/** Opens `url` (which runs its question); the controls, the total shown, the BFF's rows' sum. */
async function open(page: Page, api: APIRequestContext, url: string) {
  const { orgId, id } = await createdQuery(page, () => page.goto(url).then(() => undefined));
  const done = await fetchDone(api, orgId, id);
  await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible();
  const dashboard = dashboardPage(page);
  await dashboard.waitForForm();
  return {
    controls: await dashboard.readControls(),
    total: await page.getByTestId('grand-total').textContent(),
    rowsTotal: formatUsd(sum(done.result.usageDetails.map((r) => r.usageAmountCents))),
    done,
  };
}

test('a v=1 link and presets stored at schema v1 and v2 open to the same controls and grand total', async ({
  page,
  servers,
}) => {
  test.setTimeout(120_000);
  const { bffUrl, dataDir } = servers;
  const api = page.request;
  const get = async <T>(path: string) =>
    (await (await api.get(path, { headers: csrf })).json()) as T;
  const orgId = (await get<{ items: { id: string }[] }>('/api/orgs')).items[0]!.id;
  const projects = (await get<{ items: { id: string }[] }>(`/api/orgs/${orgId}/projects`)).items;
  const now = new Date((await get<{ now: string }>('/api/meta')).now);
  const month = (offset: number) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
    return d.toISOString().slice(0, 7);
  };

  const questions: OldQuestion[] = [
    // One project by project, with partial matches: lists, the flag and inclusive months.
    {
      orgId,
      from: month(-3),
      to: month(-1),
      projects: [projects[0]!.id],
      groupBy: 'projects',
      partial: true,
    },
    // Grouped by organization: then meant the link's organization alone.
    {
      orgId,
      from: month(-2),
      to: month(-1),
      projects: [],
      groupBy: 'organizations',
      partial: false,
    },
  ];
  for (const [i, question] of questions.entries()) {
    const link = await open(page, api, `${bffUrl}${v1Link(question)}`);
    expect(link.total).toBe(link.rowsTotal);
    expect(link.done.months).toEqual({ first: `${question.from}-01`, last: `${question.to}-01` });
    if (question.groupBy === 'organizations') {
      expect(link.done.organizations).toEqual([orgId]);
    }

    const v1 = insertStoredPreset(dataDir, 1, presetV1(`Old v1 preset ${i}`, question));
    const v2 = insertStoredPreset(dataDir, 2, presetV2(`Old v2 preset ${i}`, question));
    for (const id of [v1, v2]) {
      const preset = await open(page, api, `${bffUrl}/p/${id}`);
      expect(preset.controls).toEqual(link.controls);
      expect(preset.total).toBe(link.total);
      expect(preset.done.organizations).toEqual(link.done.organizations);
      await expect(page.getByRole('region', { name: 'Preset' })).toContainText(`Old v`);
    }
  }
});
