/**
 * Audit night in headless Chromium: two phones (390×844) join the demo's open 2026 Q4 audit
 * by its short address, the console (a laptop) moderates and runs the vote, and the projector
 * (the story page, a second window of the laptop) shows what the room may see, live.
 * Components it drives: PhonePage (with AreaPicker, the small map a proposal is placed on),
 * NightConsole and the projector's Presentation. No request leaves the machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, type BrowserSession } from './helpers/browser';
import { startServer, type RunningServer } from './helpers/server';

const PHONE = { width: 390, height: 844 };

describe('audit night: phones, the console and a projector', () => {
  let server: RunningServer;
  let phoneA: BrowserSession;
  let phoneB: BrowserSession;
  let laptop: BrowserSession;
  /** The story on the wall, a second window of the laptop's browser. */
  let projector: Page;
  let joinPath = '';
  let auditId = '';
  const requests: string[] = [];

  function watch(session: BrowserSession) {
    session.page.on('request', (request) => requests.push(request.url()));
  }

  function testimoniesNamed(text: string): number {
    const db = new Database(server.db, { readonly: true });
    try {
      return (db.prepare('select count(*) as n from audit_testimonies where text = ?').get(text) as { n: number }).n;
    } finally {
      db.close();
    }
  }

  beforeAll(async () => {
    server = await startServer();
    for (let tries = 0; tries < 100 && !/phones join at/.test(server.log()); tries++) await new Promise((done) => setTimeout(done, 100));
    joinPath = /phones join at http:\/\/[^/\s]+(\/n\/[a-z0-9]+)/.exec(server.log())?.[1] ?? '';
    expect(joinPath, server.log()).not.toBe('');
    const login = await fetch(`${server.url}/trpc/auth.login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'auditor@kudzu.example', password: 'kudzu-demo-password' }) });
    const session = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const audits = await (await fetch(`${server.url}/trpc/audits.list?input=${encodeURIComponent('{}')}`, { headers: { cookie: session } })).json() as { result: { data: { id: string; period: { label: string }; status: string }[] } };
    auditId = audits.result.data.find((audit) => audit.period.label === '2026 Q4')!.id;
    [phoneA, phoneB, laptop] = await Promise.all([openBrowser(PHONE), openBrowser(PHONE), openBrowser()]);
    for (const s of [phoneA, phoneB, laptop]) watch(s);
    const [name, value] = session.split('=');
    await laptop.context.addCookies([{ name, value, url: server.url }]);
  });

  afterAll(async () => {
    await Promise.all([phoneA, phoneB, laptop].map((s) => s?.close()));
    await server?.stop();
  });

  it('a phone joins by the short address and tells a testimony, which waits for moderation', async () => {
    const page = phoneA.page;
    await page.goto(`${server.url}${joinPath}`);
    await page.getByRole('heading', { name: '2026 Q4: audit night' }).waitFor();
    await page.getByLabel('What happened? What does the neighbourhood run for itself?').fill('The night market paid its stallholders fairly for the first time.');
    await page.getByLabel('A name to show (optional, any name)').fill('Rosa');
    await page.getByLabel('I agree this may be shown on the screen and in the audit').check();
    await page.getByRole('button', { name: 'Send testimony' }).click();
    await page.getByRole('region', { name: 'What you sent' }).getByText('waiting for review').waitFor();
    await screenshot(page, 'night-phone-390.png');
    expect(testimoniesNamed('The night market paid its stallholders fairly for the first time.')).toBe(1);
  });

  it('the console shows it beside the demo’s waiting testimonies and proposal; approving it reaches the projector and the phone', async () => {
    const console = laptop.page;
    await console.goto(`${server.url}/console.html?audit=${auditId}`);
    await console.getByRole('heading', { name: '2026 Q4: audit night console' }).waitFor();
    const card = console.getByRole('listitem', { name: 'Testimony from Rosa' });
    await card.waitFor();
    await expect(console.getByRole('region', { name: 'Testimonies' }).getByRole('listitem').count()).resolves.toBeGreaterThanOrEqual(4);
    await console.getByText('Seed swap shelf at the laundrette').waitFor();
    // The projector: the story page itself, on a second window of the laptop.
    projector = await laptop.context.newPage();
    watch({ ...laptop, page: projector });
    await projector.setViewportSize({ width: 1920, height: 1080 });
    await projector.goto(`${server.url}/#/audits/${auditId}/present/constellation`);
    const stepsShown = async () => Number(((await projector.getByTestId('step-position').textContent()) ?? '').split('/')[1]);
    await projector.getByTestId('step-position').waitFor();
    const before = await stepsShown();
    await card.getByRole('button', { name: 'Approve' }).click();
    // The approved testimony joins the story live as a step of its own, in its words.
    await projector.waitForFunction((n) => Number((document.querySelector('[data-testid="step-position"]')?.textContent ?? '').split('/')[1]) === n + 1, before, { timeout: 10_000 });
    // Walk back from the last step, each step read once it is the one shown.
    await projector.keyboard.press('End');
    const position = () => projector.getByTestId('step-position').textContent();
    await projector.waitForFunction((n) => Number((document.querySelector('[data-testid="step-position"]')?.textContent ?? '').split('/')[0]) === n, before + 1);
    let found = false;
    for (let step = 0; step < before + 1 && !found; step++) {
      const text = await projector.getByTestId('testimony-text').textContent({ timeout: 1_000 }).catch(() => '');
      found = (text ?? '').includes('The night market paid its stallholders fairly for the first time.');
      if (found) break;
      const shown = await position();
      await projector.keyboard.press('ArrowLeft');
      await projector.waitForFunction((was) => document.querySelector('[data-testid="step-position"]')?.textContent !== was, shown, { timeout: 5_000 }).catch(() => undefined);
    }
    expect(found, 'the approved testimony is a step on the projector').toBe(true);
    await phoneA.page.getByRole('region', { name: 'What you sent' }).getByText('approved').waitFor({ timeout: 10_000 });
    // A rejected testimony never reaches the projector: the story keeps its length.
    const waiting = console.getByRole('region', { name: 'Testimonies' }).getByRole('listitem').filter({ hasText: 'second fridge' });
    await waiting.getByRole('button', { name: 'Reject' }).click();
    await console.waitForTimeout(1000);
    expect(await stepsShown()).toBe(before + 1);
    await expect(projector.locator('body').textContent()).resolves.not.toContain('second fridge');
  });

  it('the vote opens on both phones, each votes, and the console counts live', async () => {
    await phoneB.page.goto(`${server.url}${joinPath}`);
    await phoneB.page.getByRole('heading', { name: '2026 Q4: audit night' }).waitFor();
    const console = laptop.page;
    const candidates = console.getByRole('group', { name: 'Put to the vote (two or more)' }).getByRole('checkbox');
    await candidates.nth(0).check();
    await candidates.nth(1).check();
    await projector.goto(`${server.url}/#/audits/${auditId}/present/challenge`);
    await projector.getByTestId('step-position').waitFor();
    await console.getByRole('button', { name: 'Open the vote' }).click();
    await projector.getByTestId('vote').waitFor({ timeout: 10_000 });
    for (const phone of [phoneA, phoneB]) await phone.page.getByRole('heading', { name: 'Which challenge should be the headline?' }).waitFor({ timeout: 10_000 });
    const firstOption = (phone: BrowserSession) => phone.page.getByRole('region', { name: 'Vote for the headline challenge' }).getByRole('button').first();
    await firstOption(phoneA).click();
    await firstOption(phoneB).click();
    await console.getByTestId('vote-count').first().filter({ hasText: '2' }).waitFor({ timeout: 10_000 });
    await projector.waitForFunction(() => document.querySelector('[data-testid="vote-total"]')?.textContent === '2', undefined, { timeout: 10_000 });
    await phoneA.page.getByRole('region', { name: 'Vote for the headline challenge' }).getByText('2', { exact: true }).waitFor({ timeout: 10_000 });
    await screenshot(phoneA.page, 'night-phone-vote-390.png');
    await expect(console.getByTestId('connected-count').textContent()).resolves.toMatch(/^[2-9]$/);
    await screenshot(console, 'night-console-1440.png');
    await console.setViewportSize(PHONE);
    await screenshot(console, 'night-console-390.png');
    await console.setViewportSize({ width: 1440, height: 900 });
  });

  it('a testimony told while the Wi-Fi is down waits on the phone, then is sent exactly once', async () => {
    const page = phoneB.page;
    await page.getByRole('button', { name: 'Tell' }).click();
    await phoneB.context.setOffline(true);
    const text = 'Told in the basement, where the Wi-Fi never reaches.';
    await page.getByLabel('What happened? What does the neighbourhood run for itself?').fill(text);
    await page.getByLabel('I agree this may be shown on the screen and in the audit').check();
    await page.getByRole('button', { name: 'Send testimony' }).click();
    await page.getByRole('region', { name: 'Waiting to send' }).getByText(/Testimony: Told in the basement/).waitFor();
    await page.getByText('Offline: what you send will wait here').waitFor({ timeout: 10_000 });
    await screenshot(page, 'night-phone-offline-390.png');
    expect(testimoniesNamed(text)).toBe(0);
    await phoneB.context.setOffline(false);
    await page.getByRole('region', { name: 'Waiting to send' }).waitFor({ state: 'detached', timeout: 20_000 });
    await page.getByRole('region', { name: 'What you sent' }).getByText('waiting for review').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: '2026 Q4: audit night' }).waitFor();
    expect(testimoniesNamed(text)).toBe(1);
  });

  it('a phone proposes a site on the small map, and the console accepts it', async () => {
    const page = phoneA.page;
    await page.getByRole('button', { name: 'Add a place' }).click();
    await page.getByLabel('Name of the place').fill('Shared sewing room');
    await page.getByLabel('What kind of place').selectOption({ index: 1 });
    const kind = (await page.getByLabel('What kind of place').locator('option:checked').textContent())!.trim();
    const picker = page.getByTestId('area-picker');
    const box = (await picker.boundingBox())!;
    await picker.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await page.getByText('Place picked').waitFor();
    await screenshot(page, 'night-phone-propose-390.png');
    await page.getByRole('button', { name: 'Propose this place' }).click();
    await page.getByRole('region', { name: 'What you sent' }).getByText('Shared sewing room').waitFor();
    const console = laptop.page;
    const card = console.getByRole('listitem').filter({ hasText: 'Shared sewing room' });
    await card.waitFor({ timeout: 10_000 });
    // The console names the kind of place as the phone did, not by its id.
    await expect(card.textContent()).resolves.toContain(`${kind} ·`);
    await card.getByRole('button', { name: 'Accept' }).click();
    await card.waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('sent no request anywhere but this server, and no page failed', () => {
    const elsewhere = requests.filter((url) => !url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith('blob:'));
    expect(elsewhere).toEqual([]);
    expect(requests.some((url) => url.includes('/api/night/events'))).toBe(true);
    const failures = [phoneA, phoneB, laptop].flatMap((s) => s.errors).filter((error) => error.startsWith('page error'));
    expect(failures).toEqual([]);
  });
});
