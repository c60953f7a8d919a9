import { describe, it, expect } from 'vitest';
import { healthFormats, isNhsNumber, isOdsCode, isSctid, isUkPostcode, verhoeffValid } from '../../src/validation/health-formats.js';

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

  it('rejects wrong lengths, spaces and non-digits', () => {
    for (const value of ['', '943476591', '94347659190', '943 476 5919', '943476591X', 'a434765919', '9434765919 ', ' 9434765919', '943476591\u0669']) {
      expect(isNhsNumber(value), JSON.stringify(value)).toBe(false);
    }
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
      const value = withCheck(`22298${partition}`);
      expect(verhoeffValid(value)).toBe(true);
      const known = ['00', '01', '02', '10', '11', '12', '16'].includes(partition);
      expect(isSctid(value), value).toBe(known);
    }
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

describe('healthFormats', () => {
  it('registers each check under its format name', () => {
    expect(healthFormats['nhs-number'].validate).toBe(isNhsNumber);
    expect(healthFormats.sctid.validate).toBe(isSctid);
    expect(healthFormats['uk-postcode'].validate).toBe(isUkPostcode);
    expect(healthFormats['ods-code'].validate).toBe(isOdsCode);
  });
});
