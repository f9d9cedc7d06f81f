/**
 * The audit actions a person takes in the browser beyond filling the grid: the assembly's
 * need estimates, two auditors answering the same check, the challenge lifecycle on the
 * board, raising the audit's proposals, and publishing the demo's audit that is open for its audit night (2026 Q4).
 * Components it drives: NeedEstimates, ProposalList, ChallengeActions and PublishPanel.
 * Its own server, so nothing here depends on audit.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openBrowser, screenshot, signIn, waitForMap } from './helpers/browser';
import { mapPagePerFile } from './helpers/mapPage';

/** The challenge card on the board whose title is exactly `title`. */
function cardOf(page: Page, title: string): Locator {
  return page.locator('li.card').filter({ has: page.locator('.title').getByText(title, { exact: true }) });
}

async function openBoard(page: Page, auditId: string): Promise<void> {
  await page.evaluate((id) => { window.location.hash = `#/challenges/${id}`; }, auditId);
  await page.getByTestId('challenges-board').waitFor();
  await page.locator('li.card').first().waitFor();
}

async function openWorkspace(page: Page, auditId: string): Promise<void> {
  await page.evaluate((id) => { window.location.hash = `#/audits/${id}/workspace`; }, auditId);
  await page.getByRole('grid', { name: "Every group's checks" }).waitFor();
}

/** The status line at the top of the board, once it says `text`. */
async function boardSays(page: Page, text: string | RegExp): Promise<void> {
  await page.getByTestId('challenges-board').getByRole('status').filter({ hasText: text }).waitFor();
}

describe('audit actions in the browser', () => {
  const app = mapPagePerFile();
  let draftId = '';
  let q3Id = '';

  beforeAll(async () => {
    const page = app.session.page;
    await signIn(page, 'auditor@kudzu.example');
    // The sign-in notice stays until dismissed; out of the way of the screenshots.
    await page.getByRole('button', { name: 'Dismiss the message' }).click();
    await page.getByRole('navigation', { name: 'Audit' }).getByRole('link', { name: 'Audits' }).click();
    const q4 = page.locator('li').filter({ hasText: '2026 Q4' });
    const q3 = page.locator('li').filter({ hasText: '2026 Q3' });
    await q4.first().waitFor();
    draftId = /#\/audits\/([^/]+)/.exec((await q4.getByRole('link', { name: 'Preview' }).getAttribute('href')) ?? '')?.[1] ?? '';
    q3Id = /#\/audits\/([^/]+)/.exec((await q3.getByRole('link', { name: 'Report' }).getAttribute('href')) ?? '')?.[1] ?? '';
    expect(draftId).not.toBe('');
    expect(q3Id).not.toBe('');
  });

  it('an auditor enters the assembly\'s estimate of need, changes it, and removes it, and the list follows each time', async () => {
    const page = app.session.page;
    // Opened for its audit night, the demo's 2026 Q4 kept the last audit's estimate (safety): start from none.
    await page.evaluate(async (auditId) => {
      await fetch('/trpc/audits.removeNeed', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ auditId, domain: 'safety' }) });
    }, draftId);
    await openWorkspace(page, draftId);
    const needs = page.locator('#audit-needs');
    await needs.scrollIntoViewIfNeeded();
    await needs.getByText('No estimate yet').waitFor();
    const form = page.getByRole('form', { name: 'Estimate the need of a domain' });

    await form.getByLabel('Domain', { exact: true }).selectOption({ label: 'Food' });
    await form.getByLabel(/^Need/).fill('lots');
    await form.getByRole('button', { name: 'Save the estimate' }).click();
    await form.locator('#need-value-error').waitFor();
    await expect(needs.getByText('No estimate yet').isVisible()).resolves.toBe(true);

    await form.getByLabel(/^Need/).fill('1200');
    await form.getByLabel('How the assembly counted it').fill('Counted at the May assembly');
    await form.getByRole('button', { name: 'Save the estimate' }).click();
    await needs.getByRole('status').filter({ hasText: 'Need for Food set to 1,200.' }).waitFor();
    const food = needs.getByRole('listitem').filter({ hasText: 'Food' });
    await food.filter({ hasText: '1,200 households a week — Counted at the May assembly' }).waitFor();
    await expect(form.getByText('Need, in households a week').isVisible()).resolves.toBe(true);
    await expect(form.locator('#need-value-error').count()).resolves.toBe(0);

    // Change: the form is filled with the estimate; a new number replaces it, no second line.
    await form.getByLabel('Domain', { exact: true }).selectOption({ label: 'Housing & land' });
    await food.getByRole('button', { name: 'Change' }).click();
    await expect(form.getByLabel('Domain', { exact: true }).inputValue()).resolves.toBe('food');
    await expect(form.getByLabel(/^Need/).inputValue()).resolves.toBe('1200');
    await needs.scrollIntoViewIfNeeded();
    await screenshot(page, 'audit-need-change.png');
    await expect(form.getByLabel('How the assembly counted it').inputValue()).resolves.toBe('Counted at the May assembly');
    await form.getByLabel(/^Need/).fill('1500');
    await form.getByRole('button', { name: 'Save the estimate' }).click();
    await needs.getByRole('status').filter({ hasText: 'Need for Food set to 1,500.' }).waitFor();
    await food.filter({ hasText: '1,500 households a week' }).waitFor();
    await expect(needs.getByRole('listitem').count()).resolves.toBe(1);

    // Remove: the domain goes back to the need from population.
    await needs.getByRole('button', { name: 'Remove the estimate for Food' }).click();
    await needs.getByRole('status').filter({ hasText: 'Food uses the default need again.' }).waitFor();
    await needs.getByText('No estimate yet').waitFor();
    await expect(needs.getByRole('listitem').count()).resolves.toBe(0);
    expect(app.session.errors.filter((error) => error.startsWith('page error'))).toEqual([]);
  });

  it('two auditors answer the same check: the second is told who saved first, keeps the note, and Reload shows the answer that stands', async () => {
    const first = app.session.page;
    const other = await openBrowser();
    try {
      const second = other.page;
      await second.goto(app.server.url);
      await waitForMap(second);
      await signIn(second, 'steward@kudzu.example');
      await second.getByRole('button', { name: 'Dismiss the message' }).click();
      await openWorkspace(first, draftId);
      await openWorkspace(second, draftId);
      const firstGrid = first.getByRole('grid', { name: "Every group's checks" });
      const secondGrid = second.getByRole('grid', { name: "Every group's checks" });

      // Both read the first check of the first group unanswered; the auditor answers it first.
      await firstGrid.getByRole('gridcell').first().click();
      await first.keyboard.press('p');
      await first.getByRole('status').filter({ hasText: '— pass' }).waitFor();

      // The steward, still looking at the old grid, types a note and answers fail.
      await secondGrid.getByRole('gridcell').first().click();
      await second.keyboard.press('Enter');
      await second.getByLabel('Evidence note').fill('The constitution was read out but is not posted.');
      await second.getByRole('button', { name: 'Save the note' }).click();
      const alert = second.getByRole('alert').filter({ hasText: 'Not saved: someone else answered' });
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toContain('last changed by Demo auditor');
      await expect(alert.textContent()).resolves.not.toContain('expectedVersion');
      await expect(second.getByLabel('Evidence note').inputValue()).resolves.toBe('The constitution was read out but is not posted.');
      await expect(secondGrid.getByRole('gridcell').first().textContent()).resolves.toBe('·');
      await screenshot(second, 'audit-conflict.png');

      await alert.getByRole('button', { name: 'Reload' }).click();
      await second.waitForFunction(() => document.querySelector('#audit-cell-0-0')?.textContent === '✓');
      await expect(second.getByRole('alert').filter({ hasText: 'Not saved' }).count()).resolves.toBe(0);
      await second.getByText('Answered pass by Demo auditor.').waitFor();
      // The note the steward typed survives the reload, and now saves on top of the answer that stands.
      await expect(second.getByLabel('Evidence note').inputValue()).resolves.toBe('The constitution was read out but is not posted.');
      await second.getByRole('button', { name: 'Save the note' }).click();
      await second.getByText('Answered pass by Demo steward.').waitFor();
      expect(other.errors.filter((error) => error.startsWith('page error'))).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('an auditor raises one of the audit\'s proposals, then all the rest, and each becomes a challenge on the board', async () => {
    const page = app.session.page;
    await openBoard(page, draftId);
    await page.getByText('Raise a challenge').click();
    await page.getByRole('button', { name: 'Raise the audit\'s proposals…' }).click();
    const proposals = page.locator('[aria-label="The audit\'s proposals"]');
    const raiseOne = proposals.getByRole('button', { name: /^Raise “/ });
    await raiseOne.first().waitFor();
    const before = await raiseOne.count();
    expect(before).toBeGreaterThan(1);
    const title = (await proposals.locator('li .title').first().textContent()) ?? '';
    await raiseOne.first().click();
    await boardSays(page, 'Raised 1 challenge from the audit.');
    await cardOf(page, title).waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('[aria-label="The audit\'s proposals"] li button').length === n, before - 1);
    await expect(proposals.getByText(title, { exact: true }).count()).resolves.toBe(0);

    const rest = (await proposals.locator('li .title').allTextContents());
    await proposals.getByRole('button', { name: `Raise all ${before - 1}` }).click();
    await boardSays(page, `Raised ${before - 1} challenges from the audit.`);
    await proposals.getByText('The audit proposes nothing more').waitFor();
    for (const raised of rest) await expect(cardOf(page, raised).count()).resolves.toBeGreaterThan(0);
  });

  it('a member claims a challenge, then releases the claim, and it is open to claim again', async () => {
    const page = app.session.page;
    await openBoard(page, draftId);
    const card = page.locator('li.card').filter({ has: page.getByLabel('Claim for') }).filter({ hasNot: page.getByText('Headline challenge') }).first();
    const title = (await card.locator('.title').textContent()) ?? '';
    const same = cardOf(page, title);
    await same.getByLabel('Claim for').selectOption({ index: 1 });
    const group = (await same.getByLabel('Claim for').locator('option:checked').textContent()) ?? '';
    await same.getByRole('button', { name: 'Claim', exact: true }).click();
    await boardSays(page, 'is claimed by');
    await same.getByText(`claimed by ${group}`).waitFor();

    await same.getByRole('button', { name: 'Release the claim' }).click();
    await boardSays(page, `The claim on “${title}” is released.`);
    await same.getByLabel('Claim for').waitFor();
    await expect(same.locator('.status').textContent()).resolves.toBe('open');
    await expect(same.getByText(`claimed by ${group}`).count()).resolves.toBe(0);
    await expect(same.getByRole('button', { name: 'Release the claim' }).count()).resolves.toBe(0);
  });

  it('a member solves a challenge and opens its sequel, which appears on the board as a new open challenge', async () => {
    const page = app.session.page;
    await openBoard(page, draftId);
    const card = page.locator('li.card').filter({ has: page.getByRole('button', { name: 'Mark solved…' }) }).filter({ hasNot: page.getByText('Headline challenge') }).first();
    const title = (await card.locator('.title').textContent()) ?? '';
    const same = cardOf(page, title);
    await same.getByRole('button', { name: 'Mark solved…' }).click();
    await same.getByLabel('What was done (evidence)').fill('Two volunteers now run the Saturday shift; the rota is on the door.');
    await same.getByLabel('Open a sequel: the next step after this one').check();
    await same.getByRole('button', { name: 'Solved', exact: true }).click();
    await same.getByRole('alert').filter({ hasText: 'title' }).waitFor();
    await same.getByLabel('Sequel title').fill('Train a third person for the Saturday shift');
    await same.getByLabel('Sequel description').fill('So the shift survives a holiday.');
    await same.getByRole('button', { name: 'Solved', exact: true }).click();
    await boardSays(page, `“${title}” is solved, and its sequel is open.`);
    await same.locator('.status').getByText('solved', { exact: true }).waitFor();
    await same.getByText('Solved: Two volunteers now run the Saturday shift').waitFor();
    const sequel = cardOf(page, 'Train a third person for the Saturday shift');
    await sequel.waitFor();
    await expect(sequel.locator('.status').textContent()).resolves.toBe('open');
    await expect(sequel.getByLabel('Claim for').isVisible()).resolves.toBe(true);
  });

  it('an auditor carries an unmet challenge of the last published audit over to the draft, where it shows up', async () => {
    const page = app.session.page;
    await openBoard(page, q3Id);
    const carry = page.locator('li.card').filter({ has: page.getByLabel('Carry over to') }).first();
    await carry.waitFor();
    const title = (await carry.locator('.title').textContent()) ?? '';
    const same = cardOf(page, title);
    await same.getByLabel('Carry over to').selectOption({ label: '2026 Q4 (open)' });
    await same.getByRole('button', { name: 'Carry over', exact: true }).click();
    await boardSays(page, `“${title}” is carried over to 2026 Q4.`);
    await expect(same.locator('.status').textContent()).resolves.toBe('carried over');
    await expect(same.getByLabel('Carry over to').count()).resolves.toBe(0);

    await page.getByRole('group', { name: 'Show the map as of an audit' }).getByText('2026 Q4 (open)').click();
    await cardOf(page, title).waitFor();
  });

  it('an auditor finds the audit open for its audit night, chooses the headline, acknowledges the unknowns and publishes; the report shows the published audit with its headline in red', async () => {
    const page = app.session.page;
    await openWorkspace(page, draftId);
    const panel = page.getByTestId('publish-panel');
    await panel.scrollIntoViewIfNeeded();
    // The demo opens 2026 Q4 for its audit night (phones have sent testimonies to it).
    await page.getByText('This audit is open').waitFor();
    await expect(panel.getByRole('button', { name: 'Open for audit night' }).count()).resolves.toBe(0);

    // The headline is chosen on the board.
    await panel.getByRole('link', { name: /on the board/ }).click();
    await page.locator('li.card').first().waitFor();
    const headline = 'Train a third person for the Saturday shift';
    await cardOf(page, headline).getByRole('button', { name: 'Make it the headline' }).click();
    await page.getByTestId('headline-card').filter({ hasText: headline }).waitFor();

    await openWorkspace(page, draftId);
    await panel.getByText(headline).waitFor();
    const publish = panel.getByRole('button', { name: 'Publish the audit' });
    await expect(publish.isDisabled()).resolves.toBe(true);
    await panel.getByLabel(/Publish with \d+ unknown answers/).check();
    await expect(publish.isEnabled()).resolves.toBe(true);
    await page.evaluate(() => document.getElementById('audit-publish')?.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'audit-publish.png');

    await publish.click();
    await panel.getByText(/^Published \d{4}-\d{2}-\d{2}\./).waitFor();
    await panel.getByRole('link', { name: 'Read the report' }).click();
    const report = page.getByTestId('audit-report');
    await report.waitFor();
    await expect(report.locator('.kicker').first().textContent()).resolves.toMatch(/2026 Q4 · published \d{4}-\d{2}-\d{2}$/);
    await expect(report.getByRole('heading', { level: 2 }).textContent()).resolves.toMatch(/We govern \d+ of \d+ domains/);
    const red = page.getByTestId('headline-challenge').locator('h3');
    await expect(red.textContent()).resolves.toBe(headline);
    await expect(red.evaluate((element) => getComputedStyle(element).color)).resolves.toBe('rgb(196, 0, 26)');
    await expect(report.getByText(/^\d+ answers were unknown at publication, acknowledged by whoever published\. Unknown counts as 0, never as a pass\.$/).isVisible()).resolves.toBe(true);
    await screenshot(page, 'audit-published-report.png');

    // The list now says so, and the workspace is no longer offered.
    await page.getByRole('link', { name: 'All audits' }).click();
    const q4 = page.locator('li').filter({ hasText: '2026 Q4' });
    await q4.locator('.status-published').waitFor();
    await expect(q4.getByRole('link', { name: 'Open the workspace' }).count()).resolves.toBe(0);
    expect(app.session.errors.filter((error) => error.startsWith('page error'))).toEqual([]);
  });
});
