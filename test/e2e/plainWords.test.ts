/**
 * Plain words on every main screen: a steward walks the demo at 1440×900 (the map, the audits,
 * a published report, the open audit's workspace, the challenges, the set-up, people, the
 * checklist, the method page, the change log and the food-access panel after an analysis) and
 * no screen shows a developer's word: a function type's id (`community_garden`), an internal
 * layer name (`demo_blocks`), "sourceRef", or a raw float (40.406040000000004).
 *
 * Screens it drives: AuditList, AuditReport, AuditWorkspace, ChallengesBoard, SetupScreen,
 * PeopleScreen, ChecklistScreen, MethodScreen, ChangeLog and AccessPanel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, signIn, type BrowserSession } from './helpers/browser';
import type { RunningServer } from './helpers/server';
import { openMapPage } from './helpers/mapPage';
import { FUNCTION_TYPES } from '../../shared/taxonomy/functionTypes';

const TYPE_IDS = FUNCTION_TYPES.map((type) => type.id).filter((id) => id.includes('_'));

/** The developer's words in a screen's visible text, each with a little of its context. */
function developerWords(text: string): string[] {
  const found: string[] = [];
  const look = (pattern: RegExp) => {
    for (const match of text.matchAll(pattern)) found.push(text.slice(Math.max(0, match.index - 30), match.index + match[0].length + 30).replace(/\s+/g, ' '));
  };
  look(new RegExp(`\\b(${TYPE_IDS.join('|')})\\b`, 'g'));
  look(/\bdemo_(blocks|streets|landmarks)\b/g);
  look(/sourceRef/g);
  look(/\d+\.\d{7,}/g);
  return found;
}

async function visibleText(page: Page): Promise<string> {
  await page.waitForTimeout(800);
  return page.evaluate(() => document.body.innerText);
}

describe('plain words on the main screens', () => {
  let server: RunningServer;
  let session: BrowserSession;
  let page: Page;
  let published = '';
  let open = '';

  beforeAll(async () => {
    ({ server, session } = await openMapPage());
    page = session.page;
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, 'steward@kudzu.example');
    const audits = await page.evaluate(async () => (await (await fetch('/trpc/audits.list?input=%7B%7D')).json()).result.data as { id: string; status: string }[]);
    published = audits.find((audit) => audit.status === 'published')!.id;
    open = audits.find((audit) => audit.status === 'open')!.id;
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it('no screen shows a function type’s id, a layer’s internal name or a raw float', async () => {
    const screens: [string, string, string][] = [
      ['map', '#/', 'sites shown'],
      ['audits', '#/audits', 'Sovereignty audits'],
      ['report', `#/audits/${published}`, 'Domain by domain'],
      ['workspace', `#/audits/${open}/workspace`, 'Audit night console'],
      ['challenges', '#/challenges', 'Open challenges'],
      ['setup', '#/setup', 'Set up the network'],
      ['people', '#/people', 'People'],
      ['checklist', '#/checklist', 'The network’s thresholds'],
      ['method', '#/method', 'How answers count'],
      ['changes', '#/changes', 'What changed in the network'],
    ];
    const findings: Record<string, string[]> = {};
    for (const [name, hash, waitFor] of screens) {
      await page.evaluate((to) => { window.location.hash = to; }, hash);
      await page.getByText(waitFor).first().waitFor({ timeout: 30_000 });
      const words = developerWords(await visibleText(page));
      if (words.length) findings[name] = words;
    }
    await page.evaluate(() => { window.location.hash = '#/'; });
    await page.getByRole('button', { name: 'Food access' }).click();
    const panel = page.getByRole('complementary', { name: 'Food access' });
    await panel.getByRole('button', { name: 'Analyse' }).click();
    await page.getByTestId('access-summary').waitFor({ timeout: 60_000 });
    await screenshot(page, 'plain-words-access.png');
    const words = developerWords(await visibleText(page));
    if (words.length) findings.access = words;
    expect(findings).toEqual({});
  });
});
