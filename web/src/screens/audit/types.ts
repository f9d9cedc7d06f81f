import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../../server/trpc/appRouter';

type Outputs = inferRouterOutputs<AppRouter>;

export type AuditSummary = Outputs['audits']['list'][number];
export type AuditView = Outputs['audits']['get'];
export type AuditReportView = Outputs['audits']['report'];
export type Workspace = Outputs['audits']['workspace'];
export type WorkspaceAnswer = Workspace['answers'][number];
export type ChallengeView = Outputs['challenges']['list'][number];
export type ScoreSeries = AuditReportView['series'];
export type Tally = Workspace['tallies'][number];
export type Testimony = Workspace['testimonies'][number];
export type NeedEstimate = Workspace['needEstimates'][number];
export type ChallengeProposals = Outputs['challenges']['proposals'];
