import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../../server/trpc/appRouter';

type Outputs = inferRouterOutputs<AppRouter>;

export type Presentation = Outputs['story']['get'];
