import { router } from './trpc';
import { sitesRouter } from './routers/sites';
import { groupsRouter, linksRouter } from './routers/groups';
import { areasRouter } from './routers/areas';
import { authRouter } from './routers/auth';
import { changesRouter, taxonomyRouter } from './routers/taxonomy';
import { referencesRouter } from './routers/references';
import { auditsRouter, checksRouter } from './routers/audits';
import { challengesRouter } from './routers/challenges';
import { accessRouter } from './routers/access';
import { federationRouter } from './routers/federation';
import { peopleRouter } from './routers/people';
import { networkRouter } from './routers/network';
import { storyRouter } from './routers/story';
import { nightRouter } from './routers/night';

/** One router per domain. */
export const appRouter = router({
  auth: authRouter,
  taxonomy: taxonomyRouter,
  sites: sitesRouter,
  groups: groupsRouter,
  links: linksRouter,
  areas: areasRouter,
  changes: changesRouter,
  references: referencesRouter,
  audits: auditsRouter,
  checks: checksRouter,
  challenges: challengesRouter,
  access: accessRouter,
  federation: federationRouter,
  people: peopleRouter,
  network: networkRouter,
  story: storyRouter,
  night: nightRouter,
});

export type AppRouter = typeof appRouter;
