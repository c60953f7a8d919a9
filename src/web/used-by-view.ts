/** What the web pages show of where an artefact version is used: each standard version with the fields that reach it. */
import type { UsedBy } from '../services/artefacts.js';

export interface UsedByRow {
  standardId: string;
  version: string;
  status: string;
  direct: boolean;
  /** Each field (as a path, `/address/postcode`) and what its `$ref` names (`#/$defs/ukPostcode`), with `via` when it reaches the artefact through another. */
  fields: { field: string; target: string; via?: string }[];
}

/** A `$ref` keyword's pointer as the field it sits on: `/properties/address/properties/postcode/$ref` is `/address/postcode`. */
export function fieldOf(pointer: string): string {
  const field = pointer.replace(/\/\$ref$/, '').replace(/(^|\/)properties\//g, '$1');
  return field === '' ? '/' : field;
}

/** What a `$ref` names inside the document it refers to: its fragment (`#/$defs/nhsNumber`), or the whole document. */
function targetOf(ref: string): string {
  const hash = ref.indexOf('#');
  return hash < 0 || hash === ref.length - 1 ? 'the whole document' : decodeURIComponentSafe(ref.slice(hash));
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The page's `usedBy` rows, and `usedByNotListed`: the references past those the answer lists. */
export function usedByRows({ usedBy, referencesNotListed }: UsedBy): { usedBy: UsedByRow[]; usedByNotListed: number } {
  return {
    usedBy: usedBy.map((u) => ({
      standardId: u.standardId,
      version: u.version,
      status: u.status,
      direct: u.direct,
      fields: u.references.map((r) => ({ field: fieldOf(r.pointer), target: targetOf(r.ref), ...(r.via !== undefined ? { via: r.via } : {}) })),
    })),
    usedByNotListed: referencesNotListed,
  };
}
