/** Where the audit screens are, as a location hash: shareable and back-button friendly. */
export type AuditRoute =
  | { screen: 'map' }
  | { screen: 'audits' }
  | { screen: 'report'; auditId: string }
  | { screen: 'workspace'; auditId: string }
  /** Audit night on the projector; `step` is the key of the story step shown (null: the first). */
  | { screen: 'present'; auditId: string; step: string | null }
  | { screen: 'challenges'; auditId: string | null }
  | { screen: 'join'; token: string }
  | { screen: 'setup' }
  | { screen: 'people' }
  | { screen: 'checklist' }
  /** How the audit is scored: the network's thresholds and checklist, for anyone. */
  | { screen: 'method' }
  | { screen: 'changes' };

/** The screens of the audit itself (the others set up the network). */
export function isAuditScreen(route: AuditRoute): boolean {
  return route.screen === 'audits' || route.screen === 'report' || route.screen === 'workspace' || route.screen === 'challenges';
}

export function parseAuditRoute(hash: string): AuditRoute {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((part) => part !== '').map(decodeURIComponent);
  if (parts[0] === 'audits' && parts[1] && parts[2] === 'present') return { screen: 'present', auditId: parts[1], step: parts[3] ?? null };
  if (parts[0] === 'audits' && parts[1] && parts[2] === 'workspace') return { screen: 'workspace', auditId: parts[1] };
  if (parts[0] === 'audits' && parts[1]) return { screen: 'report', auditId: parts[1] };
  if (parts[0] === 'audits') return { screen: 'audits' };
  if (parts[0] === 'changes') return { screen: 'changes' };
  if (parts[0] === 'challenges') return { screen: 'challenges', auditId: parts[1] ?? null };
  if (parts[0] === 'join' && parts[1]) return { screen: 'join', token: parts[1] };
  if (parts[0] === 'setup') return { screen: 'setup' };
  if (parts[0] === 'people') return { screen: 'people' };
  if (parts[0] === 'checklist') return { screen: 'checklist' };
  if (parts[0] === 'method') return { screen: 'method' };
  return { screen: 'map' };
}

export function auditHref(route: AuditRoute): string {
  switch (route.screen) {
    case 'map': return '#/';
    case 'audits': return '#/audits';
    case 'report': return `#/audits/${encodeURIComponent(route.auditId)}`;
    case 'workspace': return `#/audits/${encodeURIComponent(route.auditId)}/workspace`;
    case 'changes': return '#/changes';
    case 'present': return `#/audits/${encodeURIComponent(route.auditId)}/present${route.step ? `/${encodeURIComponent(route.step)}` : ''}`;
    case 'challenges': return route.auditId ? `#/challenges/${encodeURIComponent(route.auditId)}` : '#/challenges';
    case 'join': return `#/join/${encodeURIComponent(route.token)}`;
    case 'setup': return '#/setup';
    case 'people': return '#/people';
    case 'checklist': return '#/checklist';
    case 'method': return '#/method';
  }
}
