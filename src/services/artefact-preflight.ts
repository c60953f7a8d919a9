/**
 * An artefact publish's first checks on the body as sent, before anything reads the store: it is parsed
 * (JSON or YAML), a definitions set's schema is held to the schema limits (checkBudget), and the document
 * is read as an artefact (parseArtefact: its shape, a code list's codes and its JSON Schema, the content
 * hash). On a body of 0.7 MB that is some 0.1 s, more as YAML, so from the build it runs on the publish
 * preflight worker (publish-preflight.ts), behind the same bounded queue as a standard's body, within the
 * compile time budget; from TypeScript sources (tests), in this thread.
 */
import { ArtefactError, parseArtefact, type Artefact } from '../registry/artefacts/artefact.js';
import { DomainError } from './errors.js';
import { dataOf, onPreflightWorker, refusalOf, type PreflightWork, type RefusalData } from './publish-preflight.js';
import { checkBudget, type SchemaGuard } from './schema-guard.js';
import { parseSchemaText } from './standard-input.js';

export interface ArtefactPreflightJob {
  artefact: true;
  body: string;
  /** The shared documents a definitions set's schema may reach (its loops are found through them). */
  shared: [string, unknown][];
  guard: SchemaGuard;
}

export type ArtefactPreflightResult = { kind: 'ok'; artefact: Artefact } | { kind: 'refused'; refusal: RefusalData } | { kind: 'failed'; message: string };

/** The id a candidate definitions set's schema is checked under. */
const CANDIDATE_ID = 'conform:definitions/candidate/0.0.0';

const ARTEFACT_WORK: PreflightWork = {
  slow: 'reading and checking the artefact document',
  broken: 'the artefact document could not be checked: reading it',
};

/** The checks themselves, on whichever thread runs them; a refusal is answered as `refused`. */
export function runArtefactPreflight(job: ArtefactPreflightJob): ArtefactPreflightResult {
  try {
    const value = parseSchemaText(job.body);
    const schema = (value as { schema?: unknown }).schema;
    if (schema !== null && typeof schema === 'object' && !Array.isArray(schema)) {
      try {
        checkBudget(schema, CANDIDATE_ID, new Map(job.shared), job.guard);
      } catch (error) {
        // Its refusal points into that schema (`/$defs/a/enum`): made the body's pointer (`/schema/$defs/a/enum`).
        if (error instanceof DomainError) for (const item of error.errors) if (typeof item.pointer === 'string') item.pointer = `/schema${item.pointer}`;
        throw error;
      }
    }
    return { kind: 'ok', artefact: parseArtefact(value) };
  } catch (error) {
    if (error instanceof ArtefactError)
      return { kind: 'refused', refusal: { kind: 'rejected', message: error.message, errors: error.problems.map((p) => ({ ...p })) } };
    if (error instanceof DomainError) return { kind: 'refused', refusal: dataOf(error) };
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The artefact a publish's body holds, read on the preflight worker (see the module comment); throws the
 * refusal of a body that is not one, `unavailable` past the queue's bound and `rejected` past the time budget.
 */
export async function artefactPreflight(body: string, shared: ReadonlyMap<string, unknown>, guard: SchemaGuard): Promise<Artefact> {
  const job: ArtefactPreflightJob = { artefact: true, body, shared: [...shared], guard };
  const result = await onPreflightWorker(job, () => runArtefactPreflight(job), ARTEFACT_WORK);
  if (result.kind === 'refused') throw refusalOf(result.refusal);
  if (result.kind === 'failed') throw new Error(`the artefact publish checks failed: ${result.message}`);
  return result.artefact;
}
