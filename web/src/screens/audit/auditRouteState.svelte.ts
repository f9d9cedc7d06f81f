import { parseAuditRoute, type AuditRoute } from './auditRoute';

/** The audit screen the location hash names, kept current as the hash changes: read by the nav links, the screens and the app. */
class AuditRouteState {
  route = $state.raw<AuditRoute>(parseAuditRoute(window.location.hash));

  constructor() {
    window.addEventListener('hashchange', () => { this.route = parseAuditRoute(window.location.hash); });
  }

  get onMap(): boolean {
    return this.route.screen === 'map';
  }
}

export const auditRoute = new AuditRouteState();
