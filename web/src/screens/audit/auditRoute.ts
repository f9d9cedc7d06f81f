/** Where the audit screens are, as a location hash: shareable and back-button friendly. */
export type AuditRoute =
  | { screen: 'map' }
  | { screen: 'audits' }
  | { screen: 'report'; auditId: string }
  | { screen: 'workspace'; auditId: string }
  | { screen: 'challenges'; auditId: string | null };

export function parseAuditRoute(hash: string): AuditRoute {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((part) => part !== '').map(decodeURIComponent);
  if (parts[0] === 'audits' && parts[1] && parts[2] === 'workspace') return { screen: 'workspace', auditId: parts[1] };
  if (parts[0] === 'audits' && parts[1]) return { screen: 'report', auditId: parts[1] };
  if (parts[0] === 'audits') return { screen: 'audits' };
  if (parts[0] === 'challenges') return { screen: 'challenges', auditId: parts[1] ?? null };
  return { screen: 'map' };
}

export function auditHref(route: AuditRoute): string {
  switch (route.screen) {
    case 'map': return '#/';
    case 'audits': return '#/audits';
    case 'report': return `#/audits/${encodeURIComponent(route.auditId)}`;
    case 'workspace': return `#/audits/${encodeURIComponent(route.auditId)}/workspace`;
    case 'challenges': return route.auditId ? `#/challenges/${encodeURIComponent(route.auditId)}` : '#/challenges';
  }
}
