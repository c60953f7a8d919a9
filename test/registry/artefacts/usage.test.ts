/** Which artefacts a schema uses (registry/artefacts/usage.ts), over the bundled library's mapping of `_common` files. */
import { beforeAll, describe, expect, it } from 'vitest';
import { libraryArtefactOf, loadLibrary, sharedSchemaId, versionSchemaId, type Library } from '../../../src/registry/library.js';
import { bundledStandardsDir } from '../../../src/registry/bundled.js';
import { artefactUses } from '../../../src/registry/artefacts/usage.js';

let library: Library;
let artefactOf: (id: string) => string | undefined;
const documents = new Map<string, unknown>();
const contentOf = (id: string): unknown => documents.get(id) ?? library.shared.get(id)?.schema;

beforeAll(async () => {
  library = await loadLibrary(bundledStandardsDir());
  artefactOf = libraryArtefactOf(library);
});

describe('the artefact a document is', () => {
  it('is the definitions set at 1.0.0 for a _common file, the URI itself for a conform: URI, and nothing otherwise', () => {
    expect(artefactOf(sharedSchemaId('identifiers'))).toBe('conform:definitions/identifiers/1.0.0');
    expect(artefactOf(sharedSchemaId('code-lists'))).toBe('conform:definitions/code-lists/1.0.0');
    expect(artefactOf('conform:code-lists/colour/2.0.0')).toBe('conform:code-lists/colour/2.0.0');
    expect(artefactOf(sharedSchemaId('no-such-file'))).toBeUndefined();
    expect(artefactOf('conform:code-lists/colour/latest')).toBeUndefined();
    expect(artefactOf(versionSchemaId('patient-demographics', '1.0.0'))).toBeUndefined();
  });
});

describe('artefactUses', () => {
  it('finds the library relative references, an absolute spelling of them and conform: URIs, at any depth, each with its pointer', () => {
    const schema = {
      type: 'object',
      properties: {
        nhsNumber: { $ref: '../_common/identifiers#/$defs/nhsNumber' },
        address: { type: 'object', properties: { postcode: { $ref: 'https://conform.invalid/standards/_common/identifiers#/$defs/ukPostcode' } } },
        ethnicCategory: { $ref: 'conform:code-lists/ethnic-category/1.0.1' },
        local: { $ref: '#/$defs/local' },
      },
      $defs: { local: { type: 'string' } },
    };
    expect(artefactUses(schema, versionSchemaId('clinic', '1.0.0'), artefactOf, contentOf)).toEqual([
      { artefact: 'conform:definitions/identifiers/1.0.0', pointer: '/properties/nhsNumber/$ref', ref: '../_common/identifiers#/$defs/nhsNumber' },
      {
        artefact: 'conform:definitions/identifiers/1.0.0',
        pointer: '/properties/address/properties/postcode/$ref',
        ref: 'https://conform.invalid/standards/_common/identifiers#/$defs/ukPostcode',
      },
      { artefact: 'conform:code-lists/ethnic-category/1.0.1', pointer: '/properties/ethnicCategory/$ref', ref: 'conform:code-lists/ethnic-category/1.0.1' },
    ]);
  });

  it('finds an artefact reached through another, via the one the reference names, through every hop', () => {
    documents.set('conform:definitions/paint/1.0.0', { $defs: { hue: { $ref: 'conform:definitions/hues/1.0.0#/$defs/hue' }, own: { $ref: '#/$defs/hue' } } });
    documents.set('conform:definitions/hues/1.0.0', { $defs: { hue: { $ref: 'conform:code-lists/hue/1.0.0' } } });
    const schema = { properties: { a: { $ref: 'conform:definitions/paint/1.0.0#/$defs/hue' }, b: { $ref: 'conform:code-lists/hue/1.0.0' } } };
    expect(artefactUses(schema, versionSchemaId('paint-batch', '1.0.0'), artefactOf, contentOf)).toEqual([
      { artefact: 'conform:definitions/paint/1.0.0', pointer: '/properties/a/$ref', ref: 'conform:definitions/paint/1.0.0#/$defs/hue' },
      {
        artefact: 'conform:definitions/hues/1.0.0',
        pointer: '/properties/a/$ref',
        ref: 'conform:definitions/paint/1.0.0#/$defs/hue',
        via: 'conform:definitions/paint/1.0.0',
      },
      {
        artefact: 'conform:code-lists/hue/1.0.0',
        pointer: '/properties/a/$ref',
        ref: 'conform:definitions/paint/1.0.0#/$defs/hue',
        via: 'conform:definitions/paint/1.0.0',
      },
      { artefact: 'conform:code-lists/hue/1.0.0', pointer: '/properties/b/$ref', ref: 'conform:code-lists/hue/1.0.0' },
    ]);
  });

  it('resolves against a nested $id, and ignores references that name no artefact', () => {
    const schema = {
      properties: {
        nested: { $id: 'https://conform.invalid/standards/_common/x', properties: { a: { $ref: 'identifiers#/$defs/odsCode' } } },
        odd: { $ref: 'http://[bad' },
        self: { $ref: '#' },
      },
    };
    expect(artefactUses(schema, versionSchemaId('clinic', '1.0.0'), artefactOf, contentOf)).toEqual([
      { artefact: 'conform:definitions/identifiers/1.0.0', pointer: '/properties/nested/properties/a/$ref', ref: 'identifiers#/$defs/odsCode' },
    ]);
  });

  it('finds every bundled standard version that uses the identifiers definitions, and none of immunisation-batch', () => {
    const users: string[] = [];
    for (const standard of library.standards.values())
      for (const v of standard.versions)
        if (artefactUses(v.schema, v.schemaId, artefactOf, contentOf).some((u) => u.artefact === 'conform:definitions/identifiers/1.0.0'))
          users.push(`${v.standardId} ${v.version}`);
    expect(users).toContain('patient-demographics 2.0.3');
    expect(users).toContain('emergency-care-attendance 3.0.2');
    expect(users.filter((u) => u.startsWith('immunisation-batch'))).toEqual([]);
    expect(users).toHaveLength(25);
  });
});
