/** Path and query parameters that several operations share. Every value is one string. */
import { STANDARD_ID_PATTERN } from '../../registry/standard-meta.js';
import { MAX_STANDARD_ID_LENGTH, STANDARD_ID_WORDS, VERSION_SPEC_WORDS } from '../../services/standard-ref.js';
import { ORGANISATION_CODE_SOURCE, ORGANISATION_CODE_WORDS } from '../../validation/health-formats.js';
import type { ParameterSpec } from './types.js';

/** An exact version, `latest`, or a major or minor (`2`, `2.1`); numbers without leading zeros, as semver has them. */
export const VERSION_SPEC_PATTERN = '^(latest|(0|[1-9][0-9]{0,15})(\\.(0|[1-9][0-9]{0,15})){0,2})$';

const STANDARD_ID = { type: 'string', pattern: STANDARD_ID_PATTERN, maxLength: MAX_STANDARD_ID_LENGTH } as const;
/** The service's words (services/standard-ref.ts), framed as a parameter's. */
const STANDARD_ID_MESSAGE = `must be a standard id: ${STANDARD_ID_WORDS}`;
const VERSION_SPEC = { type: 'string', pattern: VERSION_SPEC_PATTERN, maxLength: 32 } as const;
const VERSION_SPEC_MESSAGE = `must be a semantic version: ${VERSION_SPEC_WORDS}`;

/**
 * A semantic version as publishing reads it: MAJOR.MINOR.PATCH, and the pre-release and build parts semver
 * allows, so that a pre-release or build version reaches the publish rule and is refused by name (422,
 * registry/release-rule.ts) rather than as a malformed path.
 */
export const PUBLISH_VERSION_PATTERN =
  '^(0|[1-9][0-9]{0,15})\\.(0|[1-9][0-9]{0,15})\\.(0|[1-9][0-9]{0,15})(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$';

export const standardId: ParameterSpec = {
  description: 'The standard id, e.g. emergency-care-attendance',
  schema: STANDARD_ID,
  required: true,
  message: STANDARD_ID_MESSAGE,
};

export const versionSpec: ParameterSpec = {
  description: 'An exact version, `latest`, or a major or minor such as `2`',
  schema: VERSION_SPEC,
  required: true,
  message: VERSION_SPEC_MESSAGE,
};

/**
 * Publishing names one exact version: a release, MAJOR.MINOR.PATCH; a pre-release or build version is read
 * and refused with 422 naming the rule, anything else is a 400 saying why.
 */
export const releaseVersion: ParameterSpec = {
  description:
    'The exact version, MAJOR.MINOR.PATCH (e.g. `1.2.0`). The registry publishes releases only: a pre-release (`1.2.0-beta.1`) or build (`1.2.0+5`) version is refused with 422',
  schema: { type: 'string', pattern: PUBLISH_VERSION_PATTERN, maxLength: 64 },
  required: true,
  message: 'must be a semantic version MAJOR.MINOR.PATCH with no leading zeros (2.0.1)',
};

/** Deprecating and retiring name one exact version; the registry answers anything else with 400 and says why. */
export const exactVersion: ParameterSpec = {
  description: 'The exact version, MAJOR.MINOR.PATCH (e.g. `1.2.0`)',
  schema: VERSION_SPEC,
  required: true,
  message: VERSION_SPEC_MESSAGE,
};

export const versionBound = (description: string): ParameterSpec => ({ description, schema: VERSION_SPEC, message: VERSION_SPEC_MESSAGE });

export const standardFilter = (description: string, required = false): ParameterSpec => ({
  description,
  schema: STANDARD_ID,
  ...(required ? { required } : {}),
  message: STANDARD_ID_MESSAGE,
});

/** `?limit=`: a whole number from 1 to 1000 (default 100). */
export const limit: ParameterSpec = {
  description: 'At most this many, newest first: a whole number from 1 to 1000 (default 100)',
  schema: { type: 'string', pattern: '^([1-9][0-9]{0,2}|1000)$', examples: ['100'] },
  message: 'must be a whole number from 1 to 1000',
};

/** `?cursor=`: where the previous page of a list ended, as its `next` link gives it. */
export const cursor: ParameterSpec = {
  description: "Opaque: the cursor from the previous page's `next` link (omit for the first page)",
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,512}$' },
  message: "must be the cursor from a page's next link",
};

/** An owner of a standard: `token:<token id>` (or the bare token id), `org:<ODS code>`, or `library`. */
export const ownerParameter: ParameterSpec = {
  description:
    'An owner: `token:<token id>` (or the token id), `org:<ODS code>` (an ODS code or supplier code, ' +
    ORGANISATION_CODE_WORDS +
    '; every author token of that organisation), or `library`',
  schema: {
    type: 'string',
    pattern: `^((token:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|org:${ORGANISATION_CODE_SOURCE}|library)$`,
    maxLength: 48,
  },
  required: true,
  message: 'must be token:<token id>, org:<ODS code> or library',
};

/** A date (YYYY-MM-DD) or an RFC 3339 date-time. */
export const dateBound = (description: string): ParameterSpec => ({
  description,
  schema: { type: 'string', anyOf: [{ format: 'date' }, { format: 'date-time' }] },
  message: 'must be a date (YYYY-MM-DD) or date-time',
});
