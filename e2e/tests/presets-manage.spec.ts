import type { APIRequestContext } from '@playwright/test';
import { expect, test } from '../fixtures/test';

const csrf = { 'X-CSRF': '1' };

async function firstOrgId(request: APIRequestContext): Promise<string> {
  const response = await request.get('/api/orgs', { headers: csrf });
  return ((await response.json()) as { items: { id: string }[] }).items[0]!.id;
}

test('presets are searched, renamed (through a concurrent change) and deleted after confirmation', async ({
  page,
  dashboard,
  expectConsoleErrors,
}) => {
  // The rename through a concurrent change (412), and the deleted preset's link (404).
  expectConsoleErrors(
    /status of 412 \(Precondition Failed\) \(http[^ ]*\/api\/presets\//,
    /status of 404 \(Not Found\) \(http[^ ]*\/api\/presets\//,
  );
  const orgId = await firstOrgId(page.request);
  const created = await page.request.post('/api/presets', {
    headers: csrf,
    data: {
      name: 'E2E rolling quarter',
      description: 'For the finance review',
      query: { orgId, period: { kind: 'relative', period: 'last-3-complete-months' } },
    },
  });
  expect(created.status()).toBe(201);
  const preset = (await created.json()) as { id: string; version: number };

  await page.goto('/');
  await dashboard.waitForForm();
  await page.getByRole('button', { name: 'Presets' }).click();
  const list = page.getByRole('region', { name: 'Presets' });
  await list.getByRole('textbox', { name: 'Search presets' }).fill('finance review');
  const item = list.getByRole('listitem').filter({ hasText: 'E2E rolling quarter' });
  await expect(item).toContainText('Relative: Last 3 complete months');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  expect(await dashboard.axeViolations()).toEqual([]);

  // Someone else saves it after this page loaded the list: the rename must not overwrite that.
  const elsewhere = await page.request.put(`/api/presets/${preset.id}`, {
    headers: { ...csrf, 'If-Match': `"${preset.version}"` },
    data: {
      name: 'E2E rolling quarter',
      description: 'For the finance review (edited elsewhere)',
      query: { orgId, period: { kind: 'relative', period: 'last-3-complete-months' } },
    },
  });
  expect(elsewhere.status()).toBe(200);

  await item.getByRole('button', { name: 'Rename E2E rolling quarter' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename preset' });
  await rename.getByRole('textbox', { name: 'Name' }).fill('E2E finance quarter');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename.getByText('Someone else changed this preset')).toBeVisible();
  expect(await dashboard.axeViolations('[role="dialog"]')).toEqual([]);
  await rename.getByRole('button', { name: 'Reload the list' }).click();
  await expect(item).toContainText('(edited elsewhere)');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename).toBeHidden();
  const renamed = list.getByRole('listitem').filter({ hasText: 'E2E finance quarter' });
  await expect(renamed).toContainText('(edited elsewhere)');

  await renamed.getByRole('button', { name: 'Delete E2E finance quarter' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete preset?' });
  await expect(confirm).toContainText('Its link will stop working');
  expect(await dashboard.axeViolations('[role="dialog"]')).toEqual([]);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(renamed).toBeVisible();
  await renamed.getByRole('button', { name: 'Delete E2E finance quarter' }).click();
  await confirm.getByRole('button', { name: 'Delete preset' }).click();
  await expect(renamed).toBeHidden();

  await page.goto(`/p/${preset.id}`);
  await expect(page.getByRole('heading', { name: 'Saved view not found' })).toBeVisible();
});
