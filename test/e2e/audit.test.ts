/**
 * The audit screens of the demo neighbourhood: the AuditList and AuditNav, the published
 * AuditReport (with its ScoreChart and diff, Unread while it loads), the ChallengesBoard with its
 * ChallengeLayer and AuditSitesLayer, ChallengeCreate and ChallengeActions, the AuditWorkspace grid
 * with the TallyForm and its FieldMessage and ActionError, the TestimonyForm and
 * TestimonyModeration, and the map shown as of an audit (AuditAsOf).
 */
import { describe, expect, it } from 'vitest';
import { screenshot, signIn, waitForIdle, waitForLayer } from './helpers/browser';
import { mapPagePerFile } from './helpers/mapPage';

type MapHandle = { queryRenderedFeatures: (options: { layers: string[] }) => { properties: Record<string, unknown> }[]; getLayer: (id: string) => unknown };

describe('the audit screens of the demo neighbourhood', () => {
  const app = mapPagePerFile();
  /** The demo's audit open for its audit night (2026 Q4), found when the auditor opens its workspace. */
  let draftId = '';

  it('a visitor finds the published audits, and no draft', async () => {
    const page = app.session.page;
    await page.getByRole('navigation', { name: 'Audit' }).getByRole('link', { name: 'Audits' }).click();
    await page.getByText('2026 Q3').first().waitFor();
    const text = await page.getByRole('region', { name: 'Audit screens' }).textContent();
    expect(text).toContain('2026 Q2');
    expect(text).not.toContain('2026 Q4');
  });

  it('the published report leads with the headline, the red challenge, tallies, domains, the chart and the diff', async () => {
    const page = app.session.page;
    await page.getByRole('link', { name: 'Report' }).first().click();
    const report = page.getByTestId('audit-report');
    await report.waitFor();
    await expect(report.getByRole('heading', { level: 2 }).textContent()).resolves.toMatch(/We govern \d+ of \d+ domains/);
    await expect(page.getByTestId('headline-challenge').isVisible()).resolves.toBe(true);
    const red = await page.getByTestId('headline-challenge').locator('h3').evaluate((element) => getComputedStyle(element).color);
    expect(red).toBe('rgb(196, 0, 26)');
    await expect(report.getByText('families housed without landlords', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(report.getByText('73', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('img', { name: /score at every published audit/ }).locator('path').count()).resolves.toBeGreaterThan(3);
    await expect(page.getByTestId('audit-diff').textContent()).resolves.toMatch(/Since 2026 Q2/);
    await screenshot(page, 'audit-report.png');
    await page.getByRole('img', { name: /score at every published audit/ }).scrollIntoViewIfNeeded();
    await screenshot(page, 'audit-report-chart.png');
  });

  it('the challenges board draws the challenges and the audit\'s sites, the headline in red, and moves through time', async () => {
    const page = app.session.page;
    await page.getByRole('navigation', { name: 'Audit' }).getByRole('link', { name: 'Challenges' }).click();
    await page.getByTestId('headline-card').waitFor();
    await waitForLayer(page, 'challenge-points');
    const counts = await page.evaluate(() => {
      const map = (window as unknown as { __map: MapHandle }).__map;
      return {
        challenges: map.queryRenderedFeatures({ layers: ['challenge-points'] }).length,
        headlines: map.queryRenderedFeatures({ layers: ['challenge-points'] }).filter((feature) => feature.properties.headline === 1).length,
        sites: map.queryRenderedFeatures({ layers: ['audit-site-points'] }).length,
        opened: map.queryRenderedFeatures({ layers: ['audit-site-points'] }).filter((feature) => feature.properties.change === 'opened').length,
      };
    });
    expect(counts.challenges).toBeGreaterThan(0);
    expect(counts.headlines).toBe(1);
    expect(counts.sites).toBeGreaterThan(20);
    expect(counts.opened).toBeGreaterThan(0);
    const q3Headline = await page.getByTestId('headline-card').textContent();
    await screenshot(page, 'challenges-board.png');

    await page.getByText('2026 Q2', { exact: true }).click();
    await page.waitForFunction((before) => document.querySelector('[data-testid="headline-card"]')?.textContent !== before, q3Headline, { timeout: 20_000 });
    await expect(page.getByTestId('headline-card').textContent()).resolves.not.toBe(q3Headline);
  });

  it('an auditor fills the workspace grid from the keyboard, and progress follows', async () => {
    const page = app.session.page;
    await page.getByRole('link', { name: '← Back to the map' }).click();
    await signIn(page, 'auditor@kudzu.example');
    await page.getByRole('navigation', { name: 'Audit' }).getByRole('link', { name: 'Audits' }).click();
    await page.getByRole('link', { name: 'Open the workspace' }).first().click();
    const grid = page.getByRole('grid', { name: "Every group's checks" });
    await grid.waitFor();
    const progress = page.getByTestId('audit-progress');
    await expect(progress.textContent()).resolves.toMatch(/^0 of \d+ checks answered/);
    // Roving tabindex: the grid is one tab stop, its active cell.
    await expect(grid.locator('[tabindex="0"]').count()).resolves.toBe(1);
    await grid.locator('[tabindex="0"]').focus();
    for (const key of ['p', 'p', 'a', 'f', 'p', '1', '2', 'p', 'p', 'u', 'p', 'p']) {
      const before = await progress.textContent();
      await page.keyboard.press(key);
      if (key !== 'u') await page.waitForFunction((text) => document.querySelector('[data-testid="audit-progress"]')?.textContent !== text, before);
      else await page.getByRole('status').filter({ hasText: 'unknown' }).waitFor();
    }
    await expect(progress.textContent()).resolves.toMatch(/^11 of \d+ checks answered/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await page.getByLabel('Evidence note').fill('Constitution pinned by the door; read it aloud.');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('status').filter({ hasText: 'constitution' }).waitFor();
    await expect(grid.getByRole('gridcell').first().textContent()).resolves.toBe('✓');
    await screenshot(page, 'audit-workspace.png');
    expect(app.session.errors.filter((error) => !/favicon/.test(error))).toEqual([]);
    draftId = /#\/audits\/([^/]+)\/workspace/.exec(page.url())?.[1] ?? '';
    expect(draftId).not.toBe('');
  });

  it('a tally with a negative or non-numeric count shows the server\'s message beside the count; a whole number is saved', async () => {
    const page = app.session.page;
    const form = page.getByRole('form', { name: 'A new tally' });
    await form.scrollIntoViewIfNeeded();
    await form.getByLabel('What was counted').fill('gardens planted on vacant lots');
    await form.getByLabel('Unit').fill('gardens');
    await form.getByLabel('Domain').selectOption({ label: 'Food' });
    await form.getByLabel('Count', { exact: true }).fill('-3');
    await form.getByRole('button', { name: 'Add the tally' }).click();
    const countError = form.locator('#tally-new-count-error');
    await countError.waitFor();
    await expect(countError.textContent()).resolves.toBe('Count must be a whole number ≥ 0.');
    await form.getByLabel('Count', { exact: true }).fill('lots');
    await form.getByRole('button', { name: 'Add the tally' }).click();
    await page.waitForFunction(() => document.querySelector('#tally-new-count')?.getAttribute('aria-invalid') === 'true');
    await expect(countError.textContent()).resolves.toBe('Count must be a whole number ≥ 0.');
    await expect(page.getByRole('form', { name: 'Tally: gardens planted on vacant lots' }).count()).resolves.toBe(0);
    await page.locator('#audit-tallies').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('audit-tallies')?.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'audit-tallies.png');

    await form.getByLabel('Count', { exact: true }).fill('14');
    await form.getByRole('button', { name: 'Add the tally' }).click();
    const saved = page.getByRole('form', { name: 'Tally: gardens planted on vacant lots' });
    await saved.waitFor();
    await expect(saved.getByLabel('Count', { exact: true }).inputValue()).resolves.toBe('14');
    await expect(form.locator('#tally-new-count-error').count()).resolves.toBe(0);
    await screenshot(page, 'audit-tallies-saved.png');
  });

  it('on the challenges board a member claims a challenge for a group, then solves it with evidence', async () => {
    const page = app.session.page;
    await page.getByRole('navigation', { name: 'Audit' }).getByRole('link', { name: 'Challenges' }).click();
    await page.getByTestId('headline-card').waitFor();
    const claimable = page.locator('li.card').filter({ has: page.getByLabel('Claim for') }).filter({ hasNot: page.getByText('Headline challenge') }).first();
    await claimable.waitFor();
    const title = (await claimable.locator('.title').textContent()) ?? '';
    const card = page.locator('li.card').filter({ has: page.locator('.title', { hasText: title }) });
    await card.getByLabel('Claim for').selectOption({ index: 1 });
    const group = (await card.getByLabel('Claim for').locator('option:checked').textContent()) ?? '';
    await card.getByRole('button', { name: 'Claim', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'is claimed by' }).waitFor();
    await card.getByText(`claimed by ${group}`).waitFor();

    await card.getByRole('button', { name: 'Mark solved…' }).click();
    await card.getByRole('button', { name: 'Solved', exact: true }).click();
    await card.getByRole('alert').filter({ hasText: 'evidence' }).waitFor();
    await card.getByLabel('What was done (evidence)').fill('The tenant union opened a pantry shelf in its office, Tuesdays and Saturdays.');
    await screenshot(page, 'challenge-solving.png');
    await card.getByRole('button', { name: 'Solved', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'is solved' }).waitFor();
    await card.getByText('Solved: The tenant union opened a pantry shelf').waitFor();
    await expect(card.locator('.status').textContent()).resolves.toBe('solved');
    await expect(card.getByRole('button', { name: 'Mark solved…' }).count()).resolves.toBe(0);
    await screenshot(page, 'challenge-actions.png');
  });

  it('a testimony told by anyone waits for moderation, and shows on the report once an auditor approves it', async () => {
    const page = app.session.page;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).first().waitFor();
    await page.evaluate((id) => { window.location.hash = `#/audits/${id}`; }, draftId);
    const form = page.getByTestId('testimony-form');
    await form.waitFor();
    await expect(page.getByText('This audit is not published yet').isVisible()).resolves.toBe(true);
    await form.getByLabel('Your testimony').fill('The seed library gave my balcony tomatoes; I brought seeds back this autumn.');
    await form.getByLabel(/A name or pseudonym/).fill('Rosa');
    await form.getByRole('button', { name: 'Send for moderation' }).click();
    await form.locator('#tell-consent-error').filter({ hasText: 'consent is required' }).waitFor();
    await form.getByLabel(/I agree to this testimony being shown/).check();
    await form.getByRole('button', { name: 'Send for moderation' }).click();
    await form.getByRole('status').filter({ hasText: 'waiting for moderation' }).waitFor();
    await screenshot(page, 'testimony-sent.png');

    await page.evaluate(() => { window.location.hash = '#/'; });
    await signIn(page, 'auditor@kudzu.example');
    await page.evaluate((id) => { window.location.hash = `#/audits/${id}/workspace`; }, draftId);
    const waiting = page.getByRole('listitem', { name: 'Testimony from Rosa' });
    await waiting.waitFor();
    await waiting.scrollIntoViewIfNeeded();
    await screenshot(page, 'testimony-moderation.png');
    // The demo's open audit keeps a few testimonies waiting for its night: one fewer waits after the approval.
    const waitingBefore = Number(/\((\d+)\)/.exec((await page.getByText(/^Waiting for moderation \(\d+\)$/).textContent()) ?? '')?.[1]);
    await waiting.getByRole('button', { name: 'Approve' }).click();
    await page.getByText(`Waiting for moderation (${waitingBefore - 1})`).waitFor();

    await page.evaluate((id) => { window.location.hash = `#/audits/${id}`; }, draftId);
    const told = page.getByTestId('audit-report').locator('blockquote').filter({ hasText: 'The seed library gave my balcony tomatoes' });
    await told.waitFor();
    await expect(told.textContent()).resolves.toContain('Rosa');
    await told.scrollIntoViewIfNeeded();
    await screenshot(page, 'testimony-on-report.png');
    expect(app.session.errors.filter((error) => error.startsWith('page error'))).toEqual([]);
  });

  it('an auditor raises a challenge at a site clicked on the board\'s map, makes it the headline, and the publish checklist ticks it', async () => {
    const page = app.session.page;
    await page.evaluate((id) => { window.location.hash = `#/challenges/${id}`; }, draftId);
    await page.getByText('Raise a challenge').click();
    await page.getByLabel('Title').fill('A second community fridge by the school');
    await page.getByLabel('A site: click it on the map').check();
    await waitForIdle(page);
    const at = await page.evaluate(() => {
      const map = (window as unknown as { __map: MapHandle & { project: (point: [number, number]) => { x: number; y: number }; getCanvas: () => HTMLCanvasElement } }).__map;
      const [site] = map.queryRenderedFeatures({ layers: ['audit-site-points'] }) as unknown as { properties: { name: string }; geometry: { coordinates: [number, number] } }[];
      const point = map.project(site.geometry.coordinates);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y, name: site.properties.name };
    });
    await page.mouse.click(at.x, at.y);
    await page.getByRole('status').filter({ hasText: 'Picked:' }).waitFor();
    await page.getByRole('button', { name: 'Raise the challenge' }).click();
    await page.getByRole('status').filter({ hasText: 'Raised “A second community fridge by the school”' }).waitFor();
    const card = page.locator('li.card').filter({ has: page.locator('.title', { hasText: 'A second community fridge by the school' }) });
    await card.getByRole('button', { name: 'Make it the headline' }).click();
    await page.getByTestId('headline-card').filter({ hasText: 'A second community fridge by the school' }).waitFor();
    await screenshot(page, 'challenge-headline.png');

    await page.evaluate((id) => { window.location.hash = `#/audits/${id}/workspace`; }, draftId);
    const panel = page.getByTestId('publish-panel');
    await panel.getByText('A second community fridge by the school').waitFor();
    await expect(panel.getByRole('button', { name: 'Publish the audit' }).isDisabled()).resolves.toBe(true);
  });

  it('the main map can be shown as of a published audit', async () => {
    const page = app.session.page;
    await page.evaluate(() => { window.location.hash = '#/'; });
    const choice = page.getByLabel('…or as of a published audit');
    await choice.waitFor();
    const q2 = (await choice.locator('option', { hasText: '2026 Q2' }).textContent()) ?? '';
    await choice.selectOption({ label: q2.trim() });
    await expect(page.getByLabel('Show the map as of').inputValue()).resolves.toBe('2026-06-30');
  });
});
