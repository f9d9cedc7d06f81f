import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/trpc/appRouter';

type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

export type Taxonomy = Outputs['taxonomy']['get'];
export type DomainInfo = Taxonomy['domains'][number];
export type SiteView = Outputs['sites']['list'][number];
export type GroupSummary = Outputs['groups']['list'][number];
export type GroupDetail = Outputs['groups']['get'];
export type Viewer = Outputs['auth']['me'];
export type ChangeEntry = Outputs['changes']['recent'][number];
export type SiteContext = Outputs['sites']['context'];
export type SiteListInput = Inputs['sites']['list'];
export type SiteCreateInput = Inputs['sites']['create'];
