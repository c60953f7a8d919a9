/**
 * The scorecard as an analyst checks it, for an emergency care attendance month (the bundled 3.0.2) sent
 * as CSV over the API for March 2025: 12 attendances whose quality is known by construction, every
 * figure worked out by hand below. An arrival at the cut-off's very instant is on time, one half an hour
 * before it is late; a cell of spaces is blank; a postcode default code without its space or capitals
 * counts; the arrival-in-period warning counts in consistency though it leaves the record valid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

const HEADER =
  'attendanceId,providerOdsCode,siteOdsCode,nhsNumber,dateOfBirth,postcode,personStatedGender,ethnicCategory,attendanceCategory,arrivalMode,activityStartDateTime,initialAssessmentDateTime,acuity,chiefComplaint,decidedToAdmitDateTime,departureDateTime,dischargeDestination,dischargeStatus'.split(
    ',',
  );
const BASE: Record<string, string> = {
  providerOdsCode: 'RH8',
  siteOdsCode: 'RH802',
  nhsNumber: '9434765919',
  dateOfBirth: '1948-05-17',
  postcode: 'EX2 5DW',
  personStatedGender: '1',
  ethnicCategory: 'A',
  attendanceCategory: '1',
  arrivalMode: '1048031000000100',
  activityStartDateTime: '2025-03-10T10:00:00Z',
  initialAssessmentDateTime: '2025-03-10T10:10:00Z',
  acuity: '1064891000000107',
  chiefComplaint: '29857009',
  decidedToAdmitDateTime: '',
  departureDateTime: '2025-03-10T14:00:00Z',
  dischargeDestination: '306706006',
  dischargeStatus: '1066301000000103',
};
const at = (start: string, departure: string) => ({ activityStartDateTime: start, initialAssessmentDateTime: start, departureDateTime: departure });
const ROWS: Record<string, string>[] = [
  { attendanceId: 'RH8A0000001' }, //                                                          1
  { attendanceId: 'RH8A0000002', ...at('2025-02-27T10:00:00Z', '2025-02-27T14:00:00Z') }, //  2 late; outside the period (warning)
  { attendanceId: 'RH8A0000003', ...at('2025-02-28T23:30:00Z', '2025-03-01T02:00:00Z') }, //  3 late by half an hour; warning
  { attendanceId: 'RH8A0000004', ...at('2025-03-01T00:00:00Z', '2025-03-01T02:00:00Z') }, //  4 at the cut-off: on time
  { attendanceId: 'RH8A0000005', postcode: 'zz993wz' }, //                                     5 postcode not known (default)
  { attendanceId: 'RH8A0000006', ethnicCategory: '99', personStatedGender: 'X' }, //            6 two defaults
  { attendanceId: 'RH8A0000001' }, //                                                          7 duplicate of 1
  { attendanceId: 'RH8A0000008', departureDateTime: '2025-03-10T09:00:00Z' }, //               8 departs before arrival: invalid
  { attendanceId: 'RH8A0000009', nhsNumber: '', dateOfBirth: '' }, //                          9 two blanks
  { attendanceId: 'RH8A0000010', acuity: '   ' }, //                                           10 spaces: blank, and invalid
  { attendanceId: 'RH8A0000011', chiefComplaint: '' }, //                                      11 blank
  { attendanceId: 'RH8A0000012' }, //                                                         12
];
const csv = [HEADER.join(','), ...ROWS.map((r) => HEADER.map((h) => ({ ...BASE, ...r })[h]).join(','))].join('\r\n') + '\r\n';

/*
 * By hand, for 2025-03 (monthly, due P1M after: by the end of 30 April 2025; P30D before that due date
 * is 31 March; the cut-off is the earlier, the period's first instant, 2025-03-01T00:00Z, GMT):
 * - validity: 8 and 10 fail: 10 / 12 = 83.3 (gate 95: overall capped at 83.3).
 * - completeness: 6 required + 10 expected = 16 fields × 12 = 192; blank: nhsNumber and dateOfBirth (9),
 *   acuity (10, spaces), chiefComplaint (11): 188 / 192 = 97.9.
 * - uniqueness: (12 − 1) / 12 = 91.7.
 * - consistency: 8 breaks departure-not-before-arrival, 2 and 3 the arrival-in-period warning: 9 / 12 = 75.0.
 * - timeliness: 2 and 3 late: 10 / 12 = 83.3.
 * - defaults: postcode 1 at 0%: 11 / 12 = 91.667; gender 1, 1% of 12 = 0.12 tolerated: (12 − 0.88) / 12 =
 *   92.667; ethnicity 1, 5% of 12 = 0.6: (12 − 0.4) / 12 = 96.667; mean 93.667 → 93.7; 2.28 → 2.3 in excess.
 * - weighted mean (83.3×30 + 97.9×20 + 91.7×15 + 75×15 + 83.3×10 + 93.7×10) / 100 = 87.275 → 87.3.
 * - DQMI: 8 fields 100; nhsNumber, dateOfBirth, postcode, acuity, chiefComplaint and departureDateTime
 *   (1 invalid) 11 / 12; gender 92.667, ethnicity 96.667: (800 + 6 × 91.667 + 189.333) / 16 = 96.2.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.stop());

describe('an emergency care month checked by hand', () => {
  it('over the API as CSV: every dimension, count and the overall as worked out by hand', async () => {
    const response = await t.call({
      method: 'POST',
      url: '/v1/standards/emergency-care-attendance/versions/3.0.2/validate?period=2025-03',
      payload: csv,
      headers: { 'content-type': 'text/csv', ...bearer(t.tokens.supplier) },
    });
    expect(response.statusCode).toBe(201);
    const card = (response.result as Record<string, any>).scorecard;
    expect(card).toMatchObject({ validity: 83.3, status: 'fails-validity', overall: 83.3, weightedMean: 87.3 });
    const d = card.dimensions;
    expect(d.completeness).toMatchObject({ score: 97.9, counts: { filled: 188, cells: 192, fields: 16 } });
    expect(d.uniqueness).toMatchObject({ score: 91.7, counts: { keyed: 12, duplicates: 1 } });
    expect(d.consistency).toMatchObject({ score: 75, counts: { assessed: 12, failed: 3 } });
    expect(card.counts.consistency.failedByRule).toMatchObject({ 'departure-not-before-arrival': 1, 'arrival-in-period': 2 });
    expect(d.timeliness).toMatchObject({ score: 83.3, counts: { assessed: 12, onTime: 10 } });
    expect(d.defaults).toMatchObject({ score: 93.7, counts: { fields: 3, filled: 36, defaults: 3, defaultsInExcess: 2.3 } });
    expect(card.dqmi.score).toBe(96.2);
  });
});
