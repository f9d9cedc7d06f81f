import { describe, expect, it } from 'vitest';
import { pageSize, LAYOUTS, PAPERS } from '../../../shared/zine/paper';
import { qrModules } from '../../../shared/zine/qrModules';
import { renderSheets } from '../../../shared/zine/renderSheets';
import { renderSvg } from '../../../shared/zine/renderSvg';
import { zinePages } from '../../../shared/zine/zinePages';
import type { ZineContent } from '../../../shared/zine/zineContent';
import { printRuleViolations, svgTags } from './printRules';
import { zineFixture } from './fixtures';
import { DOMAINS } from '../../../shared/taxonomy/domains';

const qr = qrModules('http://kudzu.example/');

function render(content: ZineContent, layout: (typeof LAYOUTS)[number], paper: (typeof PAPERS)[number], red = true) {
  const size = pageSize(paper, layout);
  return { size, pages: zinePages(content, { size, red, qr }) };
}

const combinations = LAYOUTS.flatMap((layout) => PAPERS.map((paper) => [layout, paper] as const));

describe('the zine keeps the print rules', () => {
  it.each(combinations)('every %s page on %s: black, white, patterns and spot red only; lines ≥ 0.5 pt; text ≥ 8 pt inside the page', (layout, paper) => {
    const { size, pages } = render(zineFixture(), layout, paper);
    expect(pages).toHaveLength(8);
    for (const page of pages) expect(printRuleViolations(renderSvg(page), { red: true, bounds: size })).toEqual([]);
    for (const sheet of renderSheets(pages, layout, paper)) expect(printRuleViolations(sheet.svg, { red: true })).toEqual([]);
  });

  it('prints the challenge and its due date in the spot red, and in black with --no-red', () => {
    const red = renderSvg(render(zineFixture(), 'pages', 'a4').pages[6]);
    expect(red).toContain('#e4002b');
    expect(red).toContain('Due 2026-12-31');
    const mono = render(zineFixture(), 'pages', 'a4', false).pages;
    for (const page of mono) expect(renderSvg(page)).not.toContain('#e4002b');
    expect(printRuleViolations(renderSvg(mono[6]), { red: false })).toEqual([]);
  });

  it('keeps a very long testimony, name and many tallies on the page, cut with an ellipsis', () => {
    const long = zineFixture({
      areaName: 'The Very Long Named Neighbourhood Association of the Upper and Lower Riverside Terraces and Allotments',
      testimonies: Array.from({ length: 6 }, (_, i) => ({ text: `Story ${i}: ` + 'we kept the fridge full every night of the winter and nobody went hungry. '.repeat(30), teller: 'A neighbour whose name is far too long to print on one line of a tiny mini-zine panel' })),
      tallies: Array.from({ length: 20 }, (_, i) => ({ count: 1000 * i, name: `tally number ${i} with a long description of what was counted at the audit night`, unit: 'things' })),
    });
    for (const layout of LAYOUTS) {
      const { size, pages } = render(long, layout, 'a4');
      for (const page of pages) expect(printRuleViolations(renderSvg(page), { red: true, bounds: size })).toEqual([]);
      const testimonies = renderSvg(pages[4]);
      expect(testimonies).toContain('…');
      expect(renderSvg(pages[2])).toMatch(/more tallies on the live map/);
    }
  });

  it('draws an audit with no sites as a map that says so, with no broken symbol', () => {
    const { pages } = render(zineFixture({ map: { ...zineFixture().map, sites: [], parcels: [] } }), 'pages', 'letter');
    const map = renderSvg(pages[1]);
    expect(map).toContain('No public sites to show for this audit.');
    expect(map).not.toContain('NaN');
  });

  it('credits OpenStreetMap on the map only when OpenStreetMap data shows', () => {
    expect(renderSvg(render(zineFixture(), 'pages', 'a4').pages[1])).toContain('© OpenStreetMap contributors');
    const own = zineFixture({ map: { ...zineFixture().map, attribution: null } });
    expect(renderSvg(render(own, 'pages', 'a4').pages[1])).not.toContain('OpenStreetMap');
  });

  it('draws the map with a scale bar in metres and feet, a north arrow, hatched parcels and a legend', () => {
    const map = renderSvg(render(zineFixture(), 'pages', 'a4').pages[1]);
    expect(map).toMatch(/>\d+ m</);
    expect(map).toMatch(/>(\d+ ft|[½\d]+ mi)</);
    expect(map).toContain('>N<');
    expect(map).toContain('url(#zine-pattern-dots)');
    expect(map).toContain('url(#zine-pattern-water)');
    expect(map).toContain('>Housing &amp; land<');
    expect(map).toContain('>approximate place<');
  });

  it('draws the QR code as vector squares, never an image', () => {
    const back = renderSvg(render(zineFixture(), 'pages', 'a4').pages[7]);
    expect(svgTags(back).some((tag) => tag.name === 'image')).toBe(false);
    const squares = back.match(/h[\d.]+v[\d.]+h-[\d.]+Z/g) ?? [];
    expect(squares.length).toBe(qr.flat().filter(Boolean).length);
  });

  it('marks every page of a draft with a DRAFT watermark', () => {
    const { pages } = render(zineFixture({ draft: true }), 'pages', 'a4');
    for (const page of pages) expect(renderSvg(page)).toContain('>DRAFT<');
    expect(renderSvg(render(zineFixture(), 'pages', 'a4').pages[0])).not.toContain('DRAFT');
  });

  it('renders the same bytes for the same content', () => {
    expect(renderSvg(render(zineFixture(), 'mini', 'a4').pages[1])).toBe(renderSvg(render(zineFixture(), 'mini', 'a4').pages[1]));
  });
});

describe('the cover', () => {
  it('sets the area’s name smaller rather than cutting a word that fits at a smaller size', () => {
    const [cover] = zinePages(zineFixture({ areaName: 'Kudzu Flats (fictional demo neighbourhood)' }), { size: pageSize('a4', 'mini'), red: true, qr }).map(renderSvg);
    expect(cover).toContain('neighbourhood)');
    expect(cover).not.toContain('neighbourhoo…');
  });

});

describe('the mini-zine’s small map', () => {
  const crowdedSites = Array.from({ length: 40 }, (_, index) => ({
    name: `Site ${index}`, domain: index % 2 === 0 ? 'food' as const : 'housing' as const, position: [-29.995 + (index % 8) * 0.0004, 40.006 + Math.floor(index / 8) * 0.0004] as [number, number], approximate: false,
  }));
  const crowded = zineFixture({ map: { ...zineFixture().map, sites: crowdedSites } });

  it('leaves no symbol more than half on top of another, and the legend counts those left to the live map', () => {
    const { pages } = render(crowded, 'mini', 'a4');
    const map = pages[1].elements.find((element) => element.kind === 'map');
    if (map?.kind !== 'map') throw new Error('no map on the map page');
    expect(map.symbols.length).toBeGreaterThan(0);
    expect(map.symbols.length).toBeLessThan(crowdedSites.length);
    const placed = map.symbols.map((symbol) => {
      const [west, south, east, north] = map.extent;
      return [(symbol.position[0] - west) / (east - west) * map.width, (north - symbol.position[1]) / (north - south) * map.height];
    });
    const legend = renderSvg(pages[1]);
    expect(legend).toContain(`+${crowdedSites.length - map.symbols.length} on the live map`);
    // Extent and frame share a shape closely enough here that a plain scale stands in for the projection.
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) {
      expect(Math.hypot(placed[i][0] - placed[j][0], placed[i][1] - placed[j][1]), `${map.symbols[i].label} and ${map.symbols[j].label}`).toBeGreaterThanOrEqual(map.symbolRadius * 0.9);
    }
  });

  it('draws every site on a full page, where they have room', () => {
    const map = render(crowded, 'pages', 'a4').pages[1].elements.find((element) => element.kind === 'map');
    expect(map?.kind === 'map' && map.symbols.length).toBe(crowdedSites.length);
  });

  it('names every domain whole in the mini-zine’s legend, on two lines where one is too short', () => {
    const everyDomain = zineFixture();
    const words = render(everyDomain, 'mini', 'a4').pages[1].elements.flatMap((element) => (element.kind === 'text' ? [element.lines.join(' ')] : []));
    for (const domain of ['Safety & conflict', 'Education & culture', 'Work & production', 'Money & exchange', 'Energy & utilities', 'Communications']) {
      if (everyDomain.map.sites.some((site) => site.domain === DOMAINS.find((entry) => entry.label === domain)?.id)) expect(words).toContain(domain);
    }
    expect(words.join(' ')).not.toContain('…');
  });

  it('shortens the running foot to the area’s name without its brackets before cutting it', () => {
    const named = zineFixture({ areaName: 'Kudzu Flats (fictional demo neighbourhood)' });
    const foot = (layout: (typeof LAYOUTS)[number]) => render(named, layout, 'a4').pages[3].elements
      .flatMap((element) => (element.kind === 'text' && element.y > render(named, layout, 'a4').size.height - 20 ? element.lines : []));
    expect(foot('pages')).toContain('Kudzu Flats (fictional demo neighbourhood) · 2026 Q3');
    expect(foot('mini')).toContain('Kudzu Flats');
  });

  it('spaces the legend’s rows at least a symbol apart', () => {
    const legendSymbols = render(zineFixture(), 'mini', 'a4').pages[1].elements.filter((element) => element.kind === 'symbol');
    const ys = [...new Set(legendSymbols.map((symbol) => symbol.kind === 'symbol' ? symbol.y : 0))].sort((a, b) => a - b);
    for (let k = 1; k < ys.length; k++) expect(ys[k] - ys[k - 1]).toBeGreaterThanOrEqual(2 * (legendSymbols[0].kind === 'symbol' ? legendSymbols[0].radius : 0));
  });
});
