/**
 * Audit night on the projector (web/src/screens/night/Presentation.svelte, NightStars,
 * JoinCode) and the steward's plan for the night (NightPlanEditor on the report): driven from
 * the keyboard as a presentation clicker would, at 1920×1080, every step photographed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, signIn, type BrowserSession } from './helpers/browser';
import { startServer, type RunningServer } from './helpers/server';

const SHOTS = '/tmp/shots/story';

interface Sizes { smallest: number; smallestText: string; numbers: number[] }

/** The smallest font of any visible text on the projector (the map's canvas aside), and every figure's size. */
async function fontSizes(page: Page): Promise<Sizes> {
  return page.evaluate(() => {
    const root = document.querySelector('[data-testid="presentation"]')!;
    let smallest = Infinity;
    let smallestText = '';
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const element = node.parentElement;
      if (!text || !element || element.closest('.map-layer')) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(element).visibility === 'hidden') continue;
      const size = parseFloat(getComputedStyle(element).fontSize);
      if (size < smallest) { smallest = size; smallestText = text; }
    }
    const numbers = [...root.querySelectorAll('[data-testid="figure-number"]')].map((element) => parseFloat(getComputedStyle(element).fontSize));
    return { smallest, smallestText, numbers };
  });
}

/** Wait for the step named by `key` (or any) to be shown, its map framed and drawn. */
async function settle(page: Page, key?: string): Promise<string> {
  await page.waitForFunction((expected) => {
    const element = document.querySelector('[data-testid="presentation"]');
    const step = element?.getAttribute('data-step');
    const w = window as unknown as { __map?: { loaded: () => boolean }; __nightFramed?: boolean };
    return !!step && (!expected || step === expected) && !!w.__nightFramed && !!w.__map?.loaded();
  }, key, { timeout: 60_000 });
  await page.evaluate(() => new Promise<void>((done) => {
    const map = (window as unknown as { __map: { once: (e: string, f: () => void) => void; triggerRepaint: () => void } }).__map;
    map.once('idle', () => done());
    map.triggerRepaint();
  }));
  await page.waitForTimeout(450);
  return (await page.getByTestId('presentation').getAttribute('data-step'))!;
}

async function position(page: Page): Promise<[number, number]> {
  const text = (await page.getByTestId('step-position').textContent())!;
  const [at, of] = text.split('/').map((part) => Number(part.trim()));
  return [at, of];
}

describe('audit night on the projector, for the demo’s published audit (2026 Q3)', () => {
  let server: RunningServer;
  let session: BrowserSession;
  let auditId = '';
  let keys: string[] = [];
  /** Requests to anywhere but this server: a hall has no internet. */
  const outside: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    const list = await (await fetch(`${server.url}/trpc/audits.list?input=${encodeURIComponent('{}')}`)).json() as { result: { data: { id: string; period: { label: string } }[] } };
    auditId = list.result.data.find((audit) => audit.period.label === '2026 Q3')!.id;
    session = await openBrowser({ width: 1920, height: 1080 });
    session.page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
    });
  });

  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  it('opens from the report’s “Present on a projector”, light on dark, with the constellation and its one-line title', async () => {
    const page = session.page;
    await page.goto(`${server.url}/#/audits/${auditId}`);
    await page.getByTestId('present').click();
    expect(await settle(page)).toBe('constellation');
    expect(page.url()).toContain(`#/audits/${auditId}/present`);
    await expect(page.getByTestId('step-title').textContent()).resolves.toMatch(/^\d+ places our neighbourhood runs itself$/);
    const colours = await page.getByTestId('presentation').evaluate((element) => ({ background: getComputedStyle(element).backgroundColor, ink: getComputedStyle(element).color }));
    expect(colours).toEqual({ background: 'rgb(0, 0, 0)', ink: 'rgb(255, 255, 255)' });
    const stars = await page.evaluate(() => new Set((window as unknown as { __map: { querySourceFeatures: (s: string) => { properties: { id: string } }[] } }).__map.querySourceFeatures('night-stars').map((f) => f.properties.id)).size);
    const counted = Number((await page.getByTestId('step-title').textContent())!.split(' ')[0].replace(/,/g, ''));
    // Every public site a star (a site shown at no place has none).
    expect(stars).toBeGreaterThan(counted * 0.9);
    expect(stars).toBeLessThanOrEqual(counted);
    await expect(page.getByTestId('join-qr').locator('path').getAttribute('d')).resolves.toMatch(/^M\d/);
    await expect(page.getByTestId('join-address').textContent()).resolves.toContain(new URL(server.url).host);
  });

  it('walks every step with → / PageDown / Space, each readable from the back: figures ≥ 96 px, nothing under 28 px', async () => {
    const page = session.page;
    const [, total] = await position(page);
    expect(total).toBeGreaterThan(6);
    const nextKeys = ['ArrowRight', 'PageDown', ' '];
    keys = [];
    for (let index = 0; index < total; index++) {
      const key = await settle(page);
      keys.push(key);
      expect(await position(page)).toEqual([index + 1, total]);
      const sizes = await fontSizes(page);
      expect(sizes.smallest, `“${sizes.smallestText}” on step ${key}`).toBeGreaterThanOrEqual(28);
      for (const size of sizes.numbers) expect(size, `a figure on step ${key}`).toBeGreaterThanOrEqual(96);
      await page.screenshot({ path: join(SHOTS, `1920-${String(index + 1).padStart(2, '0')}-${key}.png`) });
      if (index < total - 1) await page.keyboard.press(nextKeys[index % nextKeys.length]);
    }
    // Every section of the story, in order, and the figures a domain chants.
    expect(keys[0]).toBe('constellation');
    expect(keys.filter((key) => key.startsWith('domain-')).length).toBeGreaterThan(3);
    expect(keys.some((key) => key.startsWith('testimony'))).toBe(true);
    expect(keys).toContain('changes');
    expect(keys.at(-1)).toBe('challenge');
    // Going past the end stays at the end.
    await page.keyboard.press('ArrowRight');
    expect(await settle(page)).toBe('challenge');
    const red = await page.getByTestId('step-title').evaluate((element) => ({ colour: getComputedStyle(element).color, weight: Number(getComputedStyle(element).fontWeight) }));
    expect(red.colour).toBe('rgb(255, 77, 94)');
    expect(red.weight).toBeGreaterThanOrEqual(700);
  });

  it('lights a domain’s sites and chants its tallies in huge numbers', async () => {
    const page = session.page;
    await page.goto(`${server.url}/#/audits/${auditId}/present/domain-housing`);
    expect(await settle(page, 'domain-housing')).toBe('domain-housing');
    await expect(page.getByTestId('story-step').textContent()).resolves.toContain('families housed without landlords');
    await expect(page.getByTestId('figure-number').allTextContents()).resolves.toContain('73');
    const states = await page.evaluate(() => {
      const features = (window as unknown as { __map: { querySourceFeatures: (s: string) => { properties: { state: string; domain: string } }[] } }).__map.querySourceFeatures('night-stars');
      return { litOutside: features.filter((f) => f.properties.state === 'lit' && f.properties.domain !== 'housing').length, lit: features.filter((f) => f.properties.state === 'lit').length };
    });
    expect(states.lit).toBeGreaterThan(0);
    expect(states.litOutside).toBe(0);

    // What changed: the places opened lit in their colour, the closed one where it was.
    await page.goto(`${server.url}/#/audits/${auditId}/present/changes`);
    await settle(page, 'changes');
    const changed = await page.evaluate(() => {
      // A source's features come once per tile they touch: count each star once.
      const features = (window as unknown as { __map: { querySourceFeatures: (s: string) => { properties: { id: string; state: string } }[] } }).__map.querySourceFeatures('night-stars');
      const ids = (state: string) => new Set(features.filter((f) => f.properties.state === state).map((f) => f.properties.id)).size;
      return { opened: ids('opened'), closed: ids('closed') };
    });
    const figures = await page.getByTestId('figure-number').allTextContents();
    expect(changed).toEqual({ opened: Number(figures[0]), closed: Number(figures[1]) });
    expect(changed.opened).toBeGreaterThan(0);
  });

  it('goes back with ← and PageUp, to the ends with Home and End, and a reload resumes at the step in the address', async () => {
    const page = session.page;
    await page.keyboard.press('Home');
    expect(await settle(page, 'constellation')).toBe('constellation');
    await page.keyboard.press('End');
    expect(await settle(page, 'challenge')).toBe('challenge');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('PageUp');
    const third = keys.at(-3)!;
    expect(await settle(page, third)).toBe(third);
    expect(decodeURIComponent(page.url())).toContain(`/present/${third}`);
    await page.reload();
    expect(await settle(page, third)).toBe(third);
  });

  it('blanks the screen with B and shows it again with B', async () => {
    const page = session.page;
    await page.keyboard.press('b');
    await page.getByTestId('blank').waitFor();
    await page.screenshot({ path: join(SHOTS, '1920-blank.png') });
    await page.keyboard.press('B');
    await page.getByTestId('blank').waitFor({ state: 'detached' });
  });

  it('shows one step at 1440×900 and on a 390×844 phone without anything running off the screen', async () => {
    const page = session.page;
    for (const [width, height] of [[1440, 900], [390, 844]] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${server.url}/#/audits/${auditId}/present/domain-housing`);
      await settle(page, 'domain-housing');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SHOTS, `${width}-domain-housing.png`) });
    }
    await page.setViewportSize({ width: 1920, height: 1080 });
  });

  it('leaves with Esc, back to the report, in the page’s own theme', async () => {
    const page = session.page;
    await page.goto(`${server.url}/#/audits/${auditId}/present/changes`);
    await settle(page, 'changes');
    await page.keyboard.press('Escape');
    await page.getByTestId('audit-report').waitFor();
    expect(page.url()).toMatch(new RegExp(`#/audits/${auditId}$`));
    expect(await page.evaluate(() => document.documentElement.dataset.theme ?? null)).toBeNull();
    expect(session.errors).toEqual([]);
    expect(outside).toEqual([]);
  });

  it('a steward skips and reorders sections in “Plan the night”, and the projector follows', async () => {
    const page = session.page;
    await signIn(page, 'steward@kudzu.example');
    const plan = page.getByTestId('night-plan');
    await plan.locator('summary').click();
    await plan.getByRole('checkbox', { name: 'Testimonies, one at a time' }).uncheck();
    const later = plan.getByRole('button', { name: /Move “The headline challenge” earlier/ });
    for (let i = 0; i < 4; i++) await later.click();
    await screenshot(page, 'night-plan.png');
    await page.screenshot({ path: join(SHOTS, '1920-plan-the-night.png') });
    await plan.getByRole('button', { name: 'Save the plan' }).click();
    await plan.getByRole('status').waitFor();
    await page.getByTestId('present').click();
    expect(await settle(page)).toBe('challenge');
    await page.keyboard.press('End');
    await settle(page);
    const [, total] = await position(page);
    expect(total).toBe(keys.filter((key) => !key.startsWith('testimony')).length);
  });

  it('for the open audit (2026 Q4), a testimony approved tonight joins the testimonies live, and the vote counts on the challenge step', async () => {
    const page = session.page;
    // The steward is signed in (an open audit is not public yet): the projector still shows only public content.
    const audits = await page.evaluate(async () => (await (await fetch('/trpc/audits.list?input=%7B%7D')).json()) as { result: { data: { id: string; status: string; period: { label: string } }[] } });
    const openId = audits.result.data.find((audit) => audit.period.label === '2026 Q4')!.id;
    await page.goto(`${server.url}/#/audits/${openId}/present/challenge`);
    await settle(page, 'challenge');
    const before = (await position(page))[1];

    const call = (path: string, input: unknown) => page.evaluate(async ([p, i]) => {
      const response = await fetch(`/trpc/${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(i) });
      return { status: response.status, body: await response.json() as { result?: { data: unknown }; error?: { message: string } } };
    }, [path, input] as const);
    const pending = await page.evaluate(async (id) => (await (await fetch(`/trpc/audits.testimonies?input=${encodeURIComponent(JSON.stringify({ auditId: id }))}`)).json()) as { result: { data: { id: string; text: string; moderation: string; visibility: string }[] } }, openId);
    const waiting = pending.result.data.find((testimony) => testimony.moderation === 'pending' && testimony.visibility === 'public')!;
    expect(waiting, 'the demo keeps a public testimony waiting').toBeTruthy();
    expect((await call('audits.moderateTestimony', { testimonyId: waiting.id, decision: 'approved' })).status).toBe(200);
    await page.waitForFunction((n) => {
      const text = document.querySelector('[data-testid="step-position"]')?.textContent ?? '';
      return Number(text.split('/')[1]) === n + 1;
    }, before, { timeout: 10_000 });
    expect(await settle(page, 'challenge')).toBe('challenge');

    const console = await page.evaluate(async (id) => (await (await fetch(`/trpc/night.console?input=${encodeURIComponent(JSON.stringify({ auditId: id }))}`)).json()) as { result: { data: { candidates: { id: string; title: string }[] } } }, openId);
    const candidates = console.result.data.candidates.slice(0, 2);
    expect((await call('night.openVote', { auditId: openId, challengeIds: candidates.map((candidate) => candidate.id) })).status).toBe(200);
    await page.getByTestId('vote').waitFor({ timeout: 10_000 });
    await expect(page.getByTestId('vote-total').textContent()).resolves.toBe('0');
    // This browser joins as a phone too and votes.
    expect((await call('night.join', { auditId: openId })).status).toBe(200);
    expect((await call('night.vote', { key: 'story-e2e-vote-1', challengeId: candidates[1].id })).status).toBe(200);
    await page.waitForFunction(() => document.querySelector('[data-testid="vote-total"]')?.textContent === '1', undefined, { timeout: 10_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SHOTS, '1920-challenge-live-vote.png') });
    expect((await call('night.closeVote', { auditId: openId })).status).toBe(200);
    await page.getByTestId('vote-result').waitFor({ timeout: 10_000 });
    await expect(page.getByTestId('vote-result').textContent()).resolves.toContain(candidates[1].title);
    // No headline was set before the night: the room's choice is the challenge on the wall, in red.
    await expect(page.getByTestId('step-title').textContent()).resolves.toBe(candidates[1].title);
    const sizes = await fontSizes(page);
    expect(sizes.smallest, `“${sizes.smallestText}”`).toBeGreaterThanOrEqual(28);
    await page.screenshot({ path: join(SHOTS, '1920-challenge-vote-result.png') });

    // The approved testimony is its own step, in its words.
    await page.goto(`${server.url}/#/audits/${openId}/present/testimony-${waiting.id}`);
    expect(await settle(page, `testimony-${waiting.id}`)).toBe(`testimony-${waiting.id}`);
    await expect(page.getByTestId('testimony-text').textContent()).resolves.toContain(waiting.text);
    await page.screenshot({ path: join(SHOTS, '1920-live-testimony.png') });
  });
});
