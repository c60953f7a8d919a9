import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary, type Library } from '../../src/registry/library.js';
import { NotFoundError, parseStandardRef, resolveVersion, STANDARDS_LISTED } from '../../src/registry/resolve.js';
import { bundledStandardsDir } from '../../src/registry/bundled.js';

let library: Library;
beforeAll(async () => {
  library = await loadLibrary(bundledStandardsDir());
});

describe('resolveVersion', () => {
  it('takes an exact version, latest, or a major', () => {
    expect(resolveVersion(library, 'emergency-care-attendance', '1.0.0').version).toBe('1.0.0');
    expect(resolveVersion(library, 'emergency-care-attendance', 'latest').version).toBe('3.1.0');
    expect(resolveVersion(library, 'emergency-care-attendance', '1').version).toBe('1.0.0');
    expect(resolveVersion(library, 'patient-demographics', '1').version).toBe('1.1.0');
    expect(resolveVersion(library, 'patient-demographics').version).toBe('2.1.0');
  });

  it('lists the standards when the standard is unknown', () => {
    expect(() => resolveVersion(library, 'no-such-standard')).toThrow(NotFoundError);
    expect(() => resolveVersion(library, 'no-such-standard')).toThrow(/unknown standard "no-such-standard"; the library has: .*emergency-care-attendance/);
  });

  it('names the nearest standards first, and a large library only by them', () => {
    expect(() => resolveVersion(library, 'emergency-care-atendance')).toThrow(
      'unknown standard "emergency-care-atendance"; did you mean "emergency-care-attendance"?; the library has: adult-social-care-client-level,',
    );
    const standard = library.standards.get('patient-demographics')!;
    const large: Library = { ...library, standards: new Map(Array.from({ length: STANDARDS_LISTED + 1 }, (_, i) => [`standard-${i}`, standard])) };
    let message = '';
    try {
      resolveVersion(large, 'standard-x');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      `unknown standard "standard-x"; did you mean "standard-0", "standard-1" or "standard-2"?; \`conform standards\` lists the library's ${STANDARDS_LISTED + 1}`,
    );
  });

  it('lists the versions when the version is unknown', () => {
    expect(() => resolveVersion(library, 'emergency-care-attendance', '9')).toThrow(
      'emergency-care-attendance has no version matching "9"; its versions are: 1.0.0 (deprecated), 2.0.0 (deprecated), 3.0.0 (published)',
    );
  });
});

describe('parseStandardRef', () => {
  it('splits id and version', () => {
    expect(parseStandardRef('patient-demographics@1.1.0')).toEqual({ id: 'patient-demographics', spec: '1.1.0' });
    expect(parseStandardRef('patient-demographics')).toEqual({ id: 'patient-demographics', spec: 'latest' });
    expect(parseStandardRef('patient-demographics@')).toEqual({ id: 'patient-demographics', spec: 'latest' });
  });
});
