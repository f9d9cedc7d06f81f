import { repositories, type Store } from '../repositories';
import { audienceOf, requireRole, type Actor } from './context';
import { logChange } from './site.service';
import { inTransaction } from '../repositories';
import { KudzuError } from '../../shared/errors';
import type { NetworkStatus } from '../../shared/schemas/network';
import { auditRulesUpdateSchema } from '../../shared/schemas/audit';
import type { AuditRules } from '../../shared/audit/types';
import { assertMayGovernThresholds } from '../privacy/policy';
import { networkThresholds, THRESHOLDS_SETTING } from './networkThresholds';
import { chosenPopulationLayer, POPULATION_LAYER_SETTING } from './networkSettings';
import { parseInput } from './validate';
import { staleVersion } from './site.service';

/** The network's set-up: its areas, sites, people and audits so far, and which layer holds its population. */
export class NetworkService {
  constructor(private readonly db: Store) {}

  async status(actor: Actor): Promise<NetworkStatus> {
    requireRole(actor, 'steward', 'seeing the network\'s set-up');
    const repos = repositories(this.db);
    const layers = await repos.references.layers(audienceOf(actor).tiers);
    const chosen = await chosenPopulationLayer(repos, audienceOf(actor).tiers);
    return {
      areas: (await repos.areas.list('neighbourhood')).map((area) => ({ id: area.id, name: area.name })),
      sites: await repos.sites.count(),
      people: await repos.users.count(),
      audits: (await repos.audits.summaries()).length,
      populationLayer: chosen,
      layers: layers.map((entry) => ({ layer: entry.layer, features: entry.count })),
    };
  }

  /** The layer of polygons with people counts that food access and need estimates start from. */
  async setPopulationLayer(actor: Actor, layer: string | null): Promise<NetworkStatus> {
    requireRole(actor, 'steward', 'choosing the population layer');
    await inTransaction(this.db, async (repos) => {
      if (layer === null) {
        await repos.settings.delete(POPULATION_LAYER_SETTING);
      } else {
        const known = await repos.references.layers(audienceOf(actor).tiers);
        if (!known.some((entry) => entry.layer === layer)) {
          throw new KudzuError('BAD_INPUT', `layer: there is no reference layer “${layer}”; import the population polygons first (for example census tracts as GeoJSON)`, { field: 'layer' });
        }
        await repos.settings.set(POPULATION_LAYER_SETTING, layer);
      }
      await logChange(repos, actor, 'update', { id: POPULATION_LAYER_SETTING, visibility: 'members' }, layer ? `chose “${layer}” as the population layer` : 'cleared the population layer', 'setting');
    });
    return this.status(actor);
  }

  /** The thresholds the network governs: shown on the method page, copied by each new audit. */
  async thresholds(_actor: Actor): Promise<AuditRules> {
    return networkThresholds(repositories(this.db));
  }

  /**
   * Change the network's thresholds (stewards). The audits in progress (drafts and open audits)
   * are scored by them from now on and the next audit copies them; a published audit keeps the
   * thresholds it was published with.
   */
  async setThresholds(actor: Actor, changes: Partial<AuditRules>): Promise<AuditRules> {
    assertMayGovernThresholds(actor);
    const valid = parseInput(auditRulesUpdateSchema, changes);
    const at = actor.now.toISOString();
    await inTransaction(this.db, async (repos) => {
      const rules = { ...(await networkThresholds(repos)), ...valid };
      await repos.settings.setJson(THRESHOLDS_SETTING, rules);
      for (const summary of await repos.audits.summaries({ statuses: ['draft', 'open'] })) {
        if (!(await repos.audits.update(summary.id, summary.version, { rules, updatedAt: at }))) throw staleVersion('audit', summary.id);
      }
      await logChange(repos, actor, 'update', { id: THRESHOLDS_SETTING, visibility: 'members' }, `set the network’s thresholds: a group self-governed from ${percentOf(rules.autonomousGroupScore)}, a domain governed from ${percentOf(rules.governedCoverage)} coverage, coverage ${percentOf(rules.coverageWeight)} of a domain’s score`, 'setting');
    });
    return this.thresholds(actor);
  }
}

const percentOf = (share: number) => `${Math.round(share * 100)} %`;
