/**
 * A definitions set's comparison is linear in its size: each definition was compared with a fresh copy of
 * the whole set made (its `$ref`s made absolute), so 900 definitions cost 900 copies of the set, 1.7 s
 * here and 4 s on the service's event loop for anyone asking GET /v1/artefacts/definitions/{id}/changes.
 */
import { describe, expect, it } from 'vitest';
import { compareArtefacts } from '../../../src/registry/artefacts/diff.js';
import { parseArtefact } from '../../../src/registry/artefacts/artefact.js';

const set = (version: string, suffix: string, definitions: number) =>
  parseArtefact({
    kind: 'definitions',
    id: 'scale',
    version,
    title: 'Scale',
    description: 'Many definitions.',
    owner: 'Someone',
    changelog: 'Codes replaced.',
    schema: { $defs: Object.fromEntries(Array.from({ length: definitions }, (_, i) => [`d${i}`, { type: 'string', enum: [`a${suffix}`, `b${suffix}`] }])) },
  });

describe('comparing two versions of a large definitions set', () => {
  it('takes time linear in the number of definitions', () => {
    const time = (n: number) => {
      const [before, after] = [set('1.0.0', 'x', n), set('2.0.0', 'y', n)];
      const started = performance.now();
      const { changes } = compareArtefacts(before, after);
      expect(changes).toHaveLength(4 * n);
      return performance.now() - started;
    };
    time(200); // warm up
    const small = time(500);
    const large = time(4_000);
    // Eight times the definitions: about eight times the time (it was about 64 times).
    expect(large).toBeLessThan(Math.max(small * 25, 400));
  });
});
