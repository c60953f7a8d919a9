/**
 * The HTTP API on a hapi server: problem details for every error, bearer tokens, and the routes. Each
 * route parses its request, calls one service method and maps the outcome; the rules live in the services.
 */
import type { Server } from '@hapi/hapi';
import type { StandardsService } from '../services/standards.js';
import type { SubmissionService } from '../services/submissions.js';
import type { AccessService } from '../services/access.js';
import type { HealthService } from '../services/health.js';
import type { SuggestionService } from '../services/suggestions.js';
import type { ColumnMappingService } from '../services/column-mappings.js';
import { registerInputsRoutes } from './inputs-routes.js';
import { registerBearerAuth } from './auth.js';
import { FailureLimiter, type FailureLimits } from '../services/failure-limit.js';
import { registerProblems } from './problems.js';
import { registerAcceptable } from './acceptable.js';
import { registerBodyCoding } from './body-coding.js';
import { registerDeclaredLength } from './declared-length.js';
import { registerBodyText } from './body-text.js';
import { registerBodyKeys } from './body-keys.js';
import { registerStandardsRoutes } from './standards-routes.js';
import { registerOperationsRoutes } from './operations-routes.js';
import { registerSubmissionRoutes } from './submissions-routes.js';
import { registerQualityRoutes } from './quality-routes.js';
import { registerTypesRoutes } from './types-routes.js';
import type { TypesJobLimits } from '../codegen/types-job.js';
import { registerArtefactRoutes } from './artefacts-routes.js';

export interface ApiDeps {
  standards: StandardsService;
  submissions: SubmissionService;
  access: AccessService;
  health: HealthService;
  suggestions: SuggestionService;
  mappings: ColumnMappingService;
  /** Largest schema body accepted by a publish, in bytes. */
  maxSchemaBytes: number;
  /** Generating a version's types: its time budget and how many may wait (codegen/types-job.ts). */
  types?: TypesJobLimits;
  /** Requests with a token that is not valid allowed a minute, per address and overall (then 429); none: no bound. */
  tokenFailures?: FailureLimits;
}

export function registerApi(server: Server, deps: ApiDeps): void {
  registerProblems(server);
  registerAcceptable(server);
  registerBodyCoding(server);
  registerDeclaredLength(server);
  registerBodyText(server);
  registerBodyKeys(server);
  registerBearerAuth(server, deps.access, deps.tokenFailures && new FailureLimiter(deps.tokenFailures));
  registerStandardsRoutes(server, deps.standards, deps.maxSchemaBytes);
  registerArtefactRoutes(server, deps.standards.artefacts, deps.maxSchemaBytes);
  registerSubmissionRoutes(server, deps.submissions);
  registerInputsRoutes(server, deps.suggestions, deps.mappings);
  registerQualityRoutes(server, deps.submissions);
  registerTypesRoutes(server, deps.standards, deps.types);
  registerOperationsRoutes(server, deps.health, deps.access);
}
