// The API's answers the workspace reads, from the server's own schemas (types only: nothing of the server
// enters the bundle).
import type { Static } from 'typebox';
import type { AuditPage as AuditPageSchema } from '../../server/accounts/schemas.js';
import type { ImportOutcome as ImportOutcomeSchema } from '../../server/imports/schemas.js';
import type { RenderedReport } from '../../server/imports/report.js';
import type { PlanList as PlanListSchema } from '../../server/plans/schemas.js';
import type {
  DraftDetail as DraftDetailSchema, DraftList as DraftListSchema, PublishResult as PublishResultSchema, StatusResult as StatusResultSchema,
} from '../../server/publishing/schemas.js';

export type Report = RenderedReport;
export type Problem = Report['problems'][number];
export type ImportOutcome = Static<typeof ImportOutcomeSchema>;
export type DraftDetail = Static<typeof DraftDetailSchema>;
export type DraftList = Static<typeof DraftListSchema>;
export type PublishResult = Static<typeof PublishResultSchema>;
export type StatusResult = Static<typeof StatusResultSchema>;
export type AuditPage = Static<typeof AuditPageSchema>;
export type PlanList = Static<typeof PlanListSchema>;
