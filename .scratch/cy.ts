import cytoscape from 'cytoscape';
function run(n: number, m: number) {
  const els: cytoscape.ElementDefinition[] = [];
  for (let i = 0; i < n; i++) els.push({ data: { id: 'n' + i } });
  let s = 1; const r = () => { s = (s * 16807) % 2147483647; return s / 2147483647; };
  const seen = new Set<string>();
  for (let i = 1; i < n; i++) { const j = Math.floor(r() * i); seen.add(j + '-' + i); els.push({ data: { id: 'e' + i, source: 'n' + j, target: 'n' + i } }); }
  while (seen.size < m) { const a = Math.floor(r()*n), b = Math.floor(r()*n); if (a===b) continue; const k = Math.min(a,b)+'-'+Math.max(a,b); if (seen.has(k)) continue; seen.add(k); els.push({ data: { id: 'x'+k, source: 'n'+a, target: 'n'+b } }); }
  const t0 = performance.now();
  const cy = cytoscape({ headless: true, elements: els });
  const t1 = performance.now();
  const res = cy.elements().hopcroftTarjanBiconnected() as any;
  const t2 = performance.now();
  const comps = res.components as any[];
  const bridges = comps.filter((c) => c.edges().length === 1).length;
  console.log(n, m, 'build', (t1-t0).toFixed(1), 'bcc', (t2-t1).toFixed(1), 'cut', res.cut.length, 'comps', comps.length, 'bridges', bridges);
}
run(6, 6); run(2000, 10000); run(2000, 10000); run(2000, 2600);
