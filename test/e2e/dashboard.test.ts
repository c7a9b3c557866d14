import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { Api, DEMO } from './support/api.js';
import { logIn, logOut, submitLogin, waitForServiceWorker } from './support/app.js';
import { accessibilityProblems } from './support/axe.js';
import { snap, usePhone } from './support/browser.js';

const baseUrl = inject('baseUrl');
const api = new Api(baseUrl);
const thePhone = usePhone('dashboard', baseUrl);

/** The labels drawn on a chart's marks (Observable Plot's text mark), in drawing order. */
const chartLabels = (page: Page, chart: string) => page.locator(`[data-chart="${chart}"] svg g[aria-label="text"] text`).allTextContents();
/** The value cells of a chart's table view. */
const tableValues = (page: Page, table: string) => page.locator(`table[data-table="${table}"] td[data-value]`).allTextContents();
const sorted = (values: string[]) => values.filter((v) => v !== '–').sort();

interface ApiRow {
  indicator: string;
  category: string | null;
  unitName: string | null;
  numerator: number | null;
  denominator: number;
  value: number | null;
}

async function indicatorsAs(email: string, groupBy: string[] = []): Promise<ApiRow[]> {
  const { token } = await api.as(email);
  const year = String(new Date().getFullYear());
  const data = await api.request<{ indicators: ApiRow[] }>(
    `query($p: PeriodInput!, $g: [IndicatorGrouping!]) { indicators(period: $p, groupBy: $g) { indicator category unitName numerator denominator value } }`,
    { p: { from: year }, g: groupBy },
    token,
  );
  return data.indicators;
}

describe("the supervisors' dashboard", () => {
  it("shows a unit manager their unit's figures, the chart's numbers equal the table's, and the work list holds only their unit", async () => {
    const { page } = thePhone();
    // Someone registered today has not been offered a review yet: the work list has at least them.
    const { token } = await api.as(DEMO.manager);
    const org = await api.request<{ organisation: { units: Array<{ id: string; name: string }>; areas: Array<{ id: string }> } }>(
      '{ organisation { units { id name } areas { id } } }',
      {},
      token,
    );
    const norr = org.organisation.units.find((u) => u.name === 'Hemtjänst Norr');
    await api.request(
      'mutation($input: CreateCareRecipientInput!) { createCareRecipient(input: $input) { id } }',
      { input: { reference: 'ZZ-DASHBOARD-1', unitId: norr?.id, areaId: org.organisation.areas[0]?.id, housingType: 'RENTED_FLAT', ordinaryHousing: true } },
      token,
    );
    await page.setViewportSize({ width: 390, height: 844 });
    await logIn(page, DEMO.manager);
    await waitForServiceWorker(page);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Uppföljning' }).click();
    await page.getByRole('heading', { name: 'Uppföljning', level: 1 }).waitFor();
    await page.locator('[data-chart="coverage"] svg').waitFor();
    await page.getByText(/^Hämtad /).waitFor();
    await snap(page, 'dashboard-01-manager');

    const coverageTable = await tableValues(page, 'coverage');
    expect(coverageTable).toHaveLength(1);
    expect(await chartLabels(page, 'coverage')).toEqual(coverageTable);
    const trendTable = await tableValues(page, 'trend');
    expect(sorted(trendTable).length).toBeGreaterThan(0);
    expect(sorted(await chartLabels(page, 'trend'))).toEqual(sorted(trendTable));
    const riskTable = await tableValues(page, 'risks');
    expect(sorted(riskTable).length).toBeGreaterThan(0);
    expect(sorted(await chartLabels(page, 'risks'))).toEqual(sorted(riskTable));

    // The same numbers as the API gives the manager: their unit's coverage, as counts.
    const coverage = (await indicatorsAs(DEMO.manager)).find((r) => r.indicator === 'COVERAGE' && r.category === null);
    expect(coverage?.denominator).toBeGreaterThan(0);
    await page.getByText(`(${coverage?.numerator}/${coverage?.denominator})`).waitFor();

    const units = await page.locator('table[data-table="worklist"] tbody td:nth-child(2)').allTextContents();
    expect(units.length).toBe((coverage?.denominator ?? 0) - (coverage?.numerator ?? 0));
    expect(await page.locator('table[data-table="worklist"] tbody th').allTextContents()).toContain('ZZ-DASHBOARD-1');
    expect(new Set(units)).toEqual(new Set(['Hemtjänst Norr']));
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it("shows the unit manager's deviations, complaints and self-check findings as the API counts them, the small ones as '–' with the reason", async () => {
    const { page } = thePhone();
    const section = page.locator('[data-section="quality-records"]');
    await section.getByRole('heading', { name: 'Avvikelser, klagomål och egenkontroller', level: 2 }).waitFor();
    await page.locator('table[data-table="records-deviation"]').waitFor();
    await section
      .locator('[data-suppression-note]')
      .getByText(/^– betyder att antalet inte visas/)
      .waitFor();
    await section.scrollIntoViewIfNeeded();
    await snap(page, 'dashboard-04-deviations-and-complaints');

    const { token } = await api.as(DEMO.manager);
    const year = new Date().getFullYear();
    const { qualityRecordStatistics: stats } = await api.request<{
      qualityRecordStatistics: {
        units: Array<{ id: string; name: string }>;
        sources: Array<{ source: string; rows: Array<{ period: string; category: string | null; unitId: string | null; received: { count: number | null } }> }>;
      };
    }>(
      `query($y: Int!) { qualityRecordStatistics(year: $y) { units { id name } sources { source rows { period category unitId received { count } } } } }`,
      { y: year },
      token,
    );
    expect(stats.units.map((u) => u.name)).toEqual(['Hemtjänst Norr']);
    const deviations = stats.sources.find((s) => s.source === 'DEVIATION');
    const count = (category: string | null) =>
      deviations?.rows.find((r) => r.period === String(year) && r.category === category && r.unitId === stats.units[0]?.id)?.received.count ?? null;
    // The table's rows: missed visit, fall, medication, other, lex Sarah, total; columns Norr and total.
    const cells = await tableValues(page, 'records-deviation');
    expect(cells[2]).toBe(String(count('fall')));
    expect(count('fall')).toBeGreaterThanOrEqual(5);
    expect(cells[8]).toBe('–');
    expect(count('lex_sarah')).toBeNull();
    // Self-check findings, by severity: the table's last cell is the year's total, as the API counts it.
    const selfCheckTotal = stats.sources.find((s) => s.source === 'SELF_CHECK')?.rows.find((r) => r.period === String(year) && !r.category && !r.unitId)
      ?.received.count;
    expect(selfCheckTotal).not.toBeUndefined();
    expect((await tableValues(page, 'records-self_check')).at(-1)).toBe(selfCheckTotal === null ? '–' : String(selfCheckTotal));
    // The chart draws exactly the months the trend table shows a number for.
    await page.locator('[data-chart="records-trend"] svg').last().waitFor();
    expect(sorted(await chartLabels(page, 'records-trend'))).toEqual(sorted(await tableValues(page, 'records-trend')));
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('opens the last view offline, marked with its time', async () => {
    const { context, page } = thePhone();
    const online = await tableValues(page, 'coverage');
    await context.setOffline(true);
    try {
      await page.reload();
      await page.getByText(/^Ingen uppkoppling\. Visar den senast hämtade vyn, hämtad .+\.$/).waitFor({ timeout: 60_000 });
      expect(await tableValues(page, 'coverage')).toEqual(online);
      await page.locator('[data-chart="coverage"] svg').waitFor();
      await snap(page, 'dashboard-02-offline');
      expect(await accessibilityProblems(page)).toEqual([]);
    } finally {
      await context.setOffline(false);
    }
  });

  it("compares a coordinator's units side by side, chart and table alike, without units outside the administration", async () => {
    const { page } = thePhone();
    await logOut(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    await submitLogin(page, DEMO.coordinator);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Uppföljning' }).click();
    await page.getByRole('link', { name: 'Jämförelse mellan enheter' }).click();
    await page.getByRole('heading', { name: 'Jämförelse mellan enheter', level: 1 }).waitFor();
    await page.locator('[data-chart="comparison"] svg').waitFor();
    await snap(page, 'dashboard-03-comparison');

    const headers = await page.locator('table[data-table="comparison"] thead th').allTextContents();
    expect(headers.slice(1).sort()).toEqual(['Hemtjänst Centrum', 'Hemtjänst Norr', 'Hemtjänst Söder']);
    const coverageRow = await page.locator('table[data-table="comparison"] tr[data-indicator="COVERAGE"] td').allTextContents();
    expect(await chartLabels(page, 'comparison')).toEqual(coverageRow);
    // Each unit's cell is the API's value for that unit.
    const byUnit = (await indicatorsAs(DEMO.coordinator, ['UNIT'])).filter((r) => r.indicator === 'COVERAGE');
    for (const [i, unit] of headers.slice(1).entries()) {
      const row = byUnit.find((r) => r.unitName === unit);
      expect(coverageRow[i]).toBe(new Intl.NumberFormat('sv', { style: 'percent', maximumFractionDigits: 0 }).format(row?.value ?? 0));
    }
    expect(await accessibilityProblems(page)).toEqual([]);
  });
});
