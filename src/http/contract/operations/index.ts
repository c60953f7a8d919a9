/** Every API operation, declared once: the routes are registered from these and the OpenAPI document generated from them. */
import type { Operation } from '../types.js';
import {
  deleteOwner,
  deprecateVersion,
  getChanges,
  getStandard,
  getVersion,
  listStandards,
  publishVersion,
  putOwner,
  putStandard,
  retireVersion,
} from './standards.js';
import { getVersionBundle, getVersionTypes } from './codegen.js';
import {
  getSubmission,
  getSubmissionBusAck,
  getSubmissionBusAckJson,
  getSubmissionFindings,
  getSubmissionInfAck,
  listSubmissions,
  trialSubmission,
  validateSubmission,
  withdrawSubmission,
} from './submissions.js';
import { getTrial, getTrialBusAck, getTrialBusAckJson, getTrialFindings, getTrialInfAck } from './trials.js';
import { getQuality } from './quality.js';
import {
  deprecateArtefactVersion,
  getArtefactChanges,
  getArtefactUsage,
  getArtefactVersion,
  getArtefactVersions,
  listArtefacts,
  publishArtefact,
  retireArtefactVersion,
} from './artefacts.js';
import { deleteColumnMapping, getColumnMapping, putColumnMapping, suggestStandards } from './inputs.js';
import { getHealth, getOpenApi, getReadiness, listAudit } from './service.js';

export * from './standards.js';
export * from './codegen.js';
export * from './submissions.js';
export * from './trials.js';
export * from './quality.js';
export * from './inputs.js';
export * from './service.js';
export * from './artefacts.js';

export const API_OPERATIONS: readonly Operation[] = [
  listStandards,
  getStandard,
  putStandard,
  getVersion,
  publishVersion,
  getChanges,
  deprecateVersion,
  retireVersion,
  putOwner,
  deleteOwner,
  listArtefacts,
  getArtefactVersions,
  getArtefactVersion,
  publishArtefact,
  deprecateArtefactVersion,
  retireArtefactVersion,
  getArtefactUsage,
  getArtefactChanges,
  getVersionTypes,
  getVersionBundle,
  validateSubmission,
  trialSubmission,
  listSubmissions,
  getSubmission,
  getSubmissionFindings,
  getSubmissionBusAck,
  getSubmissionBusAckJson,
  getSubmissionInfAck,
  withdrawSubmission,
  getTrial,
  getTrialFindings,
  getTrialBusAck,
  getTrialBusAckJson,
  getTrialInfAck,
  suggestStandards,
  getColumnMapping,
  putColumnMapping,
  deleteColumnMapping,
  getQuality,
  listAudit,
  getOpenApi,
  getHealth,
  getReadiness,
];
