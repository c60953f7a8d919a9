import { describe, it, expect } from 'vitest';
import {
  healthFormats,
  isGpPracticeCode,
  isNhsNumber,
  isOdsCode,
  isOrganisationCode,
  organisationCodeOf,
  isOdsSite,
  isOdsTrust,
  isSctid,
  isSctidConcept,
  isUkDateTime,
  isUkPostcode,
  verhoeffValid,
} from '../../src/validation/health-formats.js';

// An independent Verhoeff generator (facts file §2: the same loop with p[(i+1) mod 8], then inv[c]).
const D = ['0123456789', '1234067895', '2340178956', '3401289567', '4012395678', '5987604321', '6598710432', '7659821043', '8765932104', '9876543210'];
const P = ['0123456789', '1576283094', '5803796142', '8916043527', '9453126870', '4286573901', '2793806415', '7046913258'];
const INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];
function verhoeffCheckDigit(payload: string): string {
  let c = 0;
  for (let i = 0; i < payload.length; i++) {
    const digit = Number(payload[payload.length - 1 - i]);
    c = Number(D[c]![Number(P[(i + 1) % 8]![digit])]);
  }
  return String(INV[c]);
}
const withCheck = (payload: string): string => payload + verhoeffCheckDigit(payload);

describe('isNhsNumber', () => {
  it('accepts the worked example 9434765919', () => {
    expect(isNhsNumber('9434765919')).toBe(true);
  });

  it('rejects the common format example 9876544321, which fails its check digit', () => {
    expect(isNhsNumber('9876544321')).toBe(false);
    // it would need check digit 2
    expect(isNhsNumber('9876544322')).toBe(true);
  });

  it('rejects every other final digit for the worked example', () => {
    for (let d = 0; d <= 9; d++) {
      if (d === 9) continue;
      expect(isNhsNumber(`943476591${d}`), `943476591${d}`).toBe(false);
    }
  });

  it('rejects a number whose check would be 10 whatever its last digit (999000000…)', () => {
    for (let d = 0; d <= 9; d++) expect(isNhsNumber(`999000000${d}`), `999000000${d}`).toBe(false);
  });

  it('accepts a check of 11 written as 0', () => {
    // 0·10 + 1·9 + … + 1·2 = 11, remainder 0, check 11 → 0
    expect(isNhsNumber('0100000010')).toBe(true);
    expect(isNhsNumber('0100000011')).toBe(false);
  });

  it('rejects the ten-repeated-digit placeholders, every one of which passes Modulus 11', () => {
    for (let d = 0; d <= 9; d++) {
      const placeholder = String(d).repeat(10);
      // The check digit of d repeated nine times is d itself: 54·d ≡ −d (mod 11).
      const total = [10, 9, 8, 7, 6, 5, 4, 3, 2].reduce((sum, w) => sum + w * d, 0);
      expect((11 - (total % 11)) % 11, placeholder).toBe(d);
      expect(isNhsNumber(placeholder), placeholder).toBe(false);
    }
  });

  it('still accepts a number with nine repeated digits and a different check digit', () => {
    // 4·54 = 216, remainder 7, check 4: that is the placeholder; 444444444 with any other digit fails.
    // 1·10 + 4·(9+8+…+2) = 10 + 176 = 186, remainder 10, check 1: 1444444441 is valid and not a placeholder.
    expect(isNhsNumber('1444444441')).toBe(true);
  });

  it('rejects wrong lengths, spaces and non-digits', () => {
    for (const value of ['', '943476591', '94347659190', '943 476 5919', '943476591X', 'a434765919', '9434765919 ', ' 9434765919', '943476591\u0669']) {
      expect(isNhsNumber(value), JSON.stringify(value)).toBe(false);
    }
  });

  it('gives the verdict of the Modulus 11 definition, digit by digit, on 200,000 ten-character strings', () => {
    // The definition as a loop over the weights, beside the unrolled check.
    const byDefinition = (value: string): boolean => {
      if (value.length !== 10 || !/^[0-9]{10}$/.test(value) || /^(\d)\1{9}$/.test(value)) return false;
      let total = 0;
      for (let i = 0; i < 9; i++) total += Number(value[i]) * (10 - i);
      const check = (11 - (total % 11)) % 11;
      return check !== 10 && check === Number(value[9]);
    };
    // Digits mostly, with characters either side of 0 and 9 ('/', ':'), a letter, a space and non-ASCII digits.
    const alphabet = '0123456789012345678901234567890123456789/: A\u0660\uff10';
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
    let valid = 0;
    for (let n = 0; n < 200_000; n++) {
      let value = '';
      const length = n % 50 === 0 ? next() % 12 : 10;
      for (let i = 0; i < length; i++) value += alphabet[next() % alphabet.length];
      if (n % 1000 === 0) value = String(next() % 10).repeat(10);
      const expected = byDefinition(value);
      if (isNhsNumber(value) !== expected) expect(isNhsNumber(value), JSON.stringify(value)).toBe(expected);
      if (expected) valid++;
    }
    expect(valid).toBeGreaterThan(1_000);
  });
});

describe('isSctid', () => {
  it('accepts the facts file examples', () => {
    for (const value of ['22298006', '1048031000000100', '39114911000001105']) expect(isSctid(value), value).toBe(true);
  });

  it('the independent generator reproduces the examples’ check digits', () => {
    expect(withCheck('2229800')).toBe('22298006');
    expect(withCheck('104803100000010')).toBe('1048031000000100');
    expect(withCheck('3911491100000110')).toBe('39114911000001105');
  });

  it('rejects each example with its last digit changed', () => {
    for (const value of ['22298006', '1048031000000100', '39114911000001105']) {
      const last = Number(value.slice(-1));
      for (let d = 0; d <= 9; d++) {
        if (d === last) continue;
        const changed = value.slice(0, -1) + d;
        expect(isSctid(changed), changed).toBe(false);
      }
    }
  });

  it('rejects a leading zero even when the check digit is right', () => {
    const padded = withCheck('02229800');
    expect(verhoeffValid(padded)).toBe(true);
    expect(isSctid(padded)).toBe(false);
    expect(isSctid('022298006')).toBe(false);
  });

  it('accepts each known partition and rejects the reserved ones (with a correct check digit)', () => {
    for (let p = 0; p < 100; p++) {
      const partition = String(p).padStart(2, '0');
      // A long-format partition (1x) needs the 7-digit namespace: item 4, namespace 1000000 (UK).
      const value = withCheck(`${partition.startsWith('1') ? '41000000' : '22298'}${partition}`);
      expect(verhoeffValid(value)).toBe(true);
      const known = ['00', '01', '02', '10', '11', '12', '16'].includes(partition);
      expect(isSctid(value), value).toBe(known);
    }
  });

  it('rejects a long-format partition (10, 11, 12, 16) without room for the 7-digit namespace and an item id', () => {
    // Long format = item id (at least 1 digit) + namespace (7 digits) + partition + check: 11 digits at least.
    for (const partition of ['10', '11', '12', '16']) {
      for (const payload of [`22298${partition}`, `100000${partition}`, `1000000${partition}`]) {
        const value = withCheck(payload);
        expect(verhoeffValid(value), value).toBe(true);
        expect(value.length, value).toBeLessThan(11);
        expect(isSctid(value), value).toBe(false);
      }
      const shortest = withCheck(`11000000${partition}`);
      expect(shortest.length).toBe(11);
      expect(isSctid(shortest), shortest).toBe(true);
    }
    // Real long-format ids: dm+d and UK extension concepts, and an ECDS arrival mode.
    for (const value of ['39114911000001105', '1048031000000100', '1324681000000101']) expect(isSctid(value), value).toBe(true);
  });

  it('rejects partition 03 specifically', () => {
    const value = withCheck('2229803');
    expect(verhoeffValid(value)).toBe(true);
    expect(isSctid(value)).toBe(false);
  });

  it('accepts 6 and 18 digits, rejects 5 and 19 digits (valid partition and check)', () => {
    const five = withCheck('1000');
    const six = withCheck('10000');
    const eighteen = withCheck('1'.padEnd(15, '0') + '00');
    const nineteen = withCheck('1'.padEnd(16, '0') + '00');
    expect([five.length, six.length, eighteen.length, nineteen.length]).toEqual([5, 6, 18, 19]);
    for (const v of [five, six, eighteen, nineteen]) expect(verhoeffValid(v)).toBe(true);
    expect(isSctid(five)).toBe(false);
    expect(isSctid(six)).toBe(true);
    expect(isSctid(eighteen)).toBe(true);
    expect(isSctid(nineteen)).toBe(false);
  });

  it('rejects non-digits, signs and spaces', () => {
    for (const value of ['', '2229800a', '+22298006', '22298006 ', '222 98006', '2.2298006']) {
      expect(isSctid(value), JSON.stringify(value)).toBe(false);
    }
  });
});

describe('isSctidConcept', () => {
  it('accepts concepts in the short (00) and long (10) formats', () => {
    for (const value of ['22298006', '1048031000000100', '39114911000001105', '1362591000000103', '840539006']) {
      expect(isSctidConcept(value), value).toBe(true);
    }
  });

  it('refuses a valid description, relationship or expression id', () => {
    for (const partition of ['01', '11', '02', '12', '16']) {
      const value = withCheck(`${partition.startsWith('1') ? '41000000' : '22298'}${partition}`);
      expect(isSctid(value), value).toBe(true);
      expect(isSctidConcept(value), value).toBe(false);
    }
  });

  it('refuses whatever sctid refuses (a wrong check digit, a leading zero, too short)', () => {
    for (const value of ['22298007', '022298006', withCheck('1000'), '', 'abcdef00', '2229800a']) expect(isSctidConcept(value), value).toBe(false);
  });
});

describe('isUkPostcode', () => {
  it('accepts valid postcodes, with and without the space, and the special codes', () => {
    for (const value of [
      'SW1A 1AA',
      'SW1A1AA',
      'M1 1AE',
      'B33 8TH',
      'CR2 6XH',
      'DN55 1PT',
      'EC1A 1BB',
      'W1A 0AX',
      'GIR 0AA',
      'GIR0AA',
      'ZZ99 3VZ',
      'ZZ99 3WZ',
      'ZZ99 6CZ',
      'ZZ993CZ',
    ]) {
      expect(isUkPostcode(value), value).toBe(true);
    }
  });

  it('rejects letters barred by BS 7666', () => {
    expect(isUkPostcode('Q1 1AA')).toBe(false); // Q first
    expect(isUkPostcode('V1 1AA')).toBe(false); // V first
    expect(isUkPostcode('X1 1AA')).toBe(false); // X first
    expect(isUkPostcode('AI1 1AA')).toBe(false); // I second
    expect(isUkPostcode('AJ1 1AA')).toBe(false); // J second
    expect(isUkPostcode('AZ1 1AA')).toBe(false); // Z second (outside ZZ99)
    expect(isUkPostcode('W1L 0AX')).toBe(false); // L third in A9A
    expect(isUkPostcode('EC1C 1BB')).toBe(false); // C fourth in AA9A
    for (const letter of 'CIKMOV') expect(isUkPostcode(`SW1A 1A${letter}`), letter).toBe(false);
    for (const letter of 'CIKMOV') expect(isUkPostcode(`SW1A 1${letter}A`), letter).toBe(false);
  });

  it('rejects spacing and length problems', () => {
    for (const value of ['SW1A  1AA', ' SW1A 1AA', 'SW1A 1AA ', 'SW1A 1AAA', 'SW1AA 1AA', 'SW1A-1AA', '', 'SW1A', '1AA']) {
      expect(isUkPostcode(value), JSON.stringify(value)).toBe(false);
    }
  });

  it('is anchored at both ends (the GOV.UK regex bug: GIR 0AAxyz passed)', () => {
    for (const value of ['GIR 0AAxyz', 'xGIR 0AA', 'SW1A 1AAxyz', 'ZZ99 3VZx', 'GIR 0AA\n', 'SW1A 1AA\nSW1A 1AA']) {
      expect(isUkPostcode(value), JSON.stringify(value)).toBe(false);
    }
  });

  it('rejects ZZ99 pseudo-postcodes that do not end in Z', () => {
    expect(isUkPostcode('ZZ99 3VA')).toBe(false);
    expect(isUkPostcode('ZZ98 3VZ')).toBe(false);
  });
});

describe('isOdsCode', () => {
  it('accepts the facts file examples', () => {
    for (const value of ['RH8', 'RH802', 'A81001', 'V81999', 'G9999981', '89997']) expect(isOdsCode(value), value).toBe(true);
  });

  it('rejects lower case, 2 or 9 characters, spaces and punctuation', () => {
    for (const value of ['rh8', 'Rh802', 'RH', 'RH8021234', 'RH8 02', ' RH8', 'RH8-02', '']) {
      expect(isOdsCode(value), JSON.stringify(value)).toBe(false);
    }
  });
});

describe('an organisation as Conform names it (a token, a supplier, an owner)', () => {
  it("takes the pipeline's supplier codes (8J1100001, DPSREDUCED) beside ODS codes; the data format ods-code still takes 3 to 8", () => {
    for (const value of ['RH8', 'B86001', 'G9999981', '8J1100001', 'DPSREDUCED', 'RXH09ABCD']) expect(isOrganisationCode(value), value).toBe(true);
    for (const value of ['RH', 'DPSREDUCED1', 'dpsreduced', 'DPS REDUCED', '8J1100001 ', ''])
      expect(isOrganisationCode(value), JSON.stringify(value)).toBe(false);
    expect(organisationCodeOf(' dpsreduced ')).toBe('DPSREDUCED');
    expect(organisationCodeOf('Sunrise Care Ltd')).toBeUndefined();
    for (const value of ['8J1100001', 'DPSREDUCED']) {
      expect(isOdsCode(value), value).toBe(false);
      expect(healthFormats['ods-code'].validate(value), value).toBe(false);
    }
  });
});

describe('ODS codes by kind', () => {
  it('ods-trust takes a 3-character code only, so a site code is refused', () => {
    for (const value of ['RH8', 'RRK', 'NT3']) expect(isOdsTrust(value), value).toBe(true);
    for (const value of ['RH802', 'RH', 'rh8', 'RH8 ', 'A81001', '']) expect(isOdsTrust(value), JSON.stringify(value)).toBe(false);
  });

  it('ods-site takes 5 to 9 characters (ECDS v4 an5 to an9), so a trust code is refused', () => {
    for (const value of ['RH802', 'RRK9A', 'RXH09ABCD']) expect(isOdsSite(value), value).toBe(true);
    for (const value of ['RH8', 'RH80', 'RXH09ABCDE', 'rh802', 'RH8 02', '']) expect(isOdsSite(value), JSON.stringify(value)).toBe(false);
  });

  it('ods-gp-practice takes a letter and 5 digits, with the practice defaults, and refuses G9999981', () => {
    for (const value of ['A81001', 'B86001', 'V81997', 'V81998', 'V81999']) expect(isGpPracticeCode(value), value).toBe(true);
    for (const value of ['G9999981', 'RH8', '81001A', 'a81001', 'A8100', 'A810011', '']) expect(isGpPracticeCode(value), JSON.stringify(value)).toBe(false);
  });

  it('reads codes from their characters exactly as the patterns they replace (/^[A-Z0-9]{n,m}$/)', () => {
    // Every character next to the ranges' edges (/ : @ [ ` {), a line end (no pattern's $ takes one), and
    // others, in strings of 0 to 10 characters, so lengths just outside each bound are covered.
    const alphabet = ['0', '9', 'A', 'Z', '/', ':', '@', '[', '`', '{', 'a', 'z', ' ', '\n', '\u00c9', '\u0660', '\ud83d\ude00'];
    let seed = 0x9e3779b9;
    const next = (n: number): number => {
      // xorshift32: a fixed sequence, so a failure repeats
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const checks: [(v: string) => boolean, RegExp][] = [
      [isOdsCode, /^[A-Z0-9]{3,8}$/],
      [isOdsTrust, /^[A-Z0-9]{3}$/],
      [isOdsSite, /^[A-Z0-9]{5,9}$/],
      [isOrganisationCode, /^[A-Z0-9]{3,10}$/],
    ];
    let accepted = 0;
    for (let n = 0; n < 20_000; n++) {
      const length = next(11);
      // Mostly valid characters, so that both answers are common.
      let value = '';
      for (let i = 0; i < length; i++) value += next(4) === 0 ? alphabet[next(alphabet.length)]! : alphabet[next(4)]!;
      for (const [check, pattern] of checks) {
        const expected = pattern.test(value);
        if (expected) accepted++;
        expect(check(value), JSON.stringify(value)).toBe(expected);
      }
    }
    expect(accepted).toBeGreaterThan(5_000);
  });
});

describe('isUkDateTime', () => {
  it('accepts UK offsets: Z, +00:00 and -00:00 (GMT) and +01:00 (BST), with or without fractions', () => {
    for (const value of [
      // The NHS Wales Data Dictionary's own examples of a valid timestamp, -00:00 among them.
      '2020-08-21T10:15:20+01:00',
      '2020-08-21T10:15:20+00:00',
      '2020-08-21T10:15:20-00:00',
      '2020-08-21T09:18:00Z',
      '2024-06-21T10:15:20+01:00',
      '2024-01-05T22:40:00Z',
      '2024-01-05T22:40:00+00:00',
      '2024-01-05T22:40:00.125Z',
      '2024-01-05t22:40:00z',
    ]) {
      expect(isUkDateTime(value), value).toBe(true);
    }
  });

  it('refuses other offsets and no offset', () => {
    for (const value of [
      '2024-06-21T10:15:20-05:00',
      '2024-06-21T10:15:20+02:00',
      '2024-06-21T10:15:20-01:00',
      '2024-06-21T10:15:20+00:30',
      '2024-06-21T10:15:20+01:30',
      '2024-06-21T10:15:20',
    ]) {
      expect(isUkDateTime(value), value).toBe(false);
    }
  });

  it('refuses what date-time refuses', () => {
    for (const value of ['2024-02-30T10:15:20Z', '2024-06-21 10:15:20Z+01:00', '2024-06-21', '', 'not a date+01:00'])
      expect(isUkDateTime(value), value).toBe(false);
  });
});

describe('healthFormats', () => {
  it('registers each check under its format name', () => {
    expect(healthFormats['sctid-concept'].validate).toBe(isSctidConcept);
    expect(healthFormats['ods-trust'].validate).toBe(isOdsTrust);
    expect(healthFormats['ods-site'].validate).toBe(isOdsSite);
    expect(healthFormats['ods-gp-practice'].validate).toBe(isGpPracticeCode);
    expect(healthFormats['uk-date-time'].validate).toBe(isUkDateTime);
    expect(healthFormats['nhs-number'].validate).toBe(isNhsNumber);
    expect(healthFormats.sctid.validate).toBe(isSctid);
    expect(healthFormats['uk-postcode'].validate).toBe(isUkPostcode);
    expect(healthFormats['ods-code'].validate).toBe(isOdsCode);
  });
});
