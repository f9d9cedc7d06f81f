/**
 * What a phone user runs into: a page wider than the screen, a control another element sits
 * on, a control too small to tap. Each check runs in the page and returns plain findings, so a
 * failing test names the control.
 */
import type { Page } from 'playwright-core';

export interface LayoutFindings {
  /**
   * How far the page, or a screen scrolling inside it, runs wider than it shows, in px (0 when
   * everything fits). A box meant to scroll sideways (the audit grid) says so with
   * `data-scrolls="sideways"` and is not counted.
   */
  overflow: number;
  /** The box that runs widest (`tag.class`), when one inside the page does. */
  widest: string | null;
  /** Controls whose centre is another element (and not inside the control or its label). */
  covered: string[];
  /** Controls whose tap target is smaller than the minimum, as "name w×h". */
  small: string[];
}

export interface LayoutOptions {
  /** Only controls inside elements matching this selector (e.g. an open sheet and the header). */
  within?: string;
  /** The smallest tap target in px; 0 skips the size check (the desktop). */
  minimumTarget?: number;
}

/** Scrolls each control into view (its own scroll containers too), then looks at it. */
export async function inspectLayout(page: Page, options: LayoutOptions = {}): Promise<LayoutFindings> {
  return page.evaluate(({ within, minimumTarget }) => {
    let overflow = Math.max(0, document.documentElement.scrollWidth - window.innerWidth);
    let widest: string | null = null;
    for (const box of document.querySelectorAll<HTMLElement>('body *')) {
      if (box.closest('[data-scrolls="sideways"], .maplibregl-map')) continue;
      const sideways = getComputedStyle(box).overflowX;
      const beyond = box.scrollWidth - box.clientWidth - 1;
      if ((sideways === 'auto' || sideways === 'scroll') && beyond > overflow) {
        overflow = beyond;
        // The child that runs past the box's right edge, named for the failure message.
        const edge = box.getBoundingClientRect().right;
        const past = Array.from(box.querySelectorAll<HTMLElement>('*')).find((child) => child.getBoundingClientRect().right > edge + 1);
        const name = (element: HTMLElement) => `${element.tagName.toLowerCase()}.${String(element.className).split(' ')[0]}`;
        widest = `${name(box)}${past ? `, past its edge: ${name(past)} “${(past.textContent ?? '').trim().slice(0, 30)}”` : ''}`;
      }
    }
    const selector = 'button, a[href], input, select, textarea, summary';
    const scopes = within ? Array.from(document.querySelectorAll(within)) : [document.body];
    const controls = new Set<HTMLElement>();
    for (const scope of scopes) for (const element of scope.querySelectorAll<HTMLElement>(selector)) controls.add(element);
    const covered: string[] = [];
    const small: string[] = [];
    const describe = (element: HTMLElement) => {
      const text = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const name = text || (element as HTMLInputElement).labels?.[0]?.textContent?.trim().replace(/\s+/g, ' ').slice(0, 40) || element.getAttribute('name') || '';
      return `${element.tagName.toLowerCase()}${element.getAttribute('type') ? `[${element.getAttribute('type')}]` : ''} “${name}”`;
    };
    for (const control of controls) {
      if (control.closest('[inert], [aria-hidden="true"], .maplibregl-canvas-container')) continue;
      // The content of a closed disclosure is not on screen; its summary is.
      const closed = control.closest('details:not([open])');
      if (closed && !(control.tagName === 'SUMMARY' && control.parentElement === closed)) continue;
      const style = getComputedStyle(control);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      // A tick box drawn as a chip or a row is tapped through its label.
      const isTick = control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio');
      const label = control instanceof HTMLInputElement ? control.closest('label') ?? control.labels?.[0] ?? null : null;
      const target: HTMLElement = isTick && label ? label : control;
      if (target.getClientRects().length === 0) continue;
      let box = target.getBoundingClientRect();
      if (box.width < 2 || box.height < 2) continue; // visually hidden, for screen readers only
      if (box.top < 0 || box.bottom > window.innerHeight || box.left < 0 || box.right > window.innerWidth) {
        target.scrollIntoView({ block: 'center', inline: 'center' });
        box = target.getBoundingClientRect();
      }
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) {
        covered.push(`${describe(control)} cannot be brought on screen`);
        continue;
      }
      const hit = document.elementFromPoint(x, y);
      const mine = !!hit && (control.contains(hit) || target.contains(hit) || (!!label && label.contains(hit)));
      if (!mine) covered.push(`${describe(control)} under ${hit ? `${hit.tagName.toLowerCase()}.${String(hit.className).split(' ')[0]} “${(hit.textContent ?? '').trim().slice(0, 30)}” in ${hit.parentElement?.tagName.toLowerCase()}.${String(hit.parentElement?.className).split(' ')[0]}` : 'nothing'}`);
      if (minimumTarget) {
        // A link inside a sentence is exempt (as the accessibility guidelines allow); so is the map's attribution text.
        const inSentence = control.tagName === 'A' && style.display === 'inline'
          && (control.parentElement?.textContent?.trim().length ?? 0) > (control.textContent?.trim().length ?? 0) + 10;
        if (!inSentence && (box.width < minimumTarget - 0.5 || box.height < minimumTarget - 0.5)) {
          small.push(`${describe(control)} ${Math.round(box.width)}×${Math.round(box.height)}`);
        }
      }
    }
    return { overflow, widest, covered, small };
  }, { within: options.within ?? null, minimumTarget: options.minimumTarget ?? 0 });
}
