/**
 * The generated types catch mistakes. For each standard, a record with a wrong code and a record with a
 * misspelt field are each marked `@ts-expect-error`: if the types stop catching one, the directive is
 * unused, and `npm run typecheck` (this file is in tsconfig.json) and test/codegen/typecheck.test.ts
 * (tsc --strict over the generated files) fail. Each mistake is on one line, where tsc reports it.
 */
import type { AdultSocialCareClientLevel } from './generated/adult-social-care-client-level.v1.1.0.js';
import type { CovidVaccinationEvent } from './generated/covid-vaccination-event.v2.0.0.js';
import type { EmergencyCareAttendance } from './generated/emergency-care-attendance.v2.0.0.js';
import type { PatientDemographics } from './generated/patient-demographics.v1.1.0.js';
import {
  createFileCheck,
  fileFindings,
  rulesAcrossRows,
  validateRows,
  validateRowsAsync,
  type Finding,
} from './generated/immunisation-batch.v7.0.0.validate.js';
import { rulesAcrossRows as noRulesAcrossRows } from './generated/immunisation-batch.v5.0.0.validate.js';

const attendance: EmergencyCareAttendance = {
  attendanceId: 'RH8A0000001',
  providerOdsCode: 'RH8',
  siteOdsCode: 'RH802',
  attendanceCategory: '1',
  arrivalMode: '1048031000000100',
  activityStartDateTime: '2024-07-14T23:50:00+01:00',
};
const vaccination: CovidVaccinationEvent = {
  vaccinationEventId: 'V1',
  nhsNumber: '9434765919',
  vaccinationDateTime: '2024-10-01T09:30:00+01:00',
  vaccineProduct: '39114911000001105',
  vaccinationProcedure: '1324681000000101',
  organisationOdsCode: 'A81001',
};
const person: PatientDemographics = {
  localPatientId: 'P1',
  nhsNumber: '9434765919',
  givenName: 'Ada',
  familyName: 'Lovelace',
  dateOfBirth: '1990-12-10',
  personStatedGender: '2',
  address: { postcode: 'EX2 5DW' },
  lastUpdated: '2024-05-01T10:00:00Z',
};
const event: AdultSocialCareClientLevel = {
  laCode: '909',
  reportingPeriodStartDate: '2024-04-01',
  reportingPeriodEndDate: '2025-03-31',
  nhsNumber: '9434765919',
  laPersonUniqueIdentifier: 'LA-1',
  gender: 'Female',
  ethnicity: 'White British',
  dateOfBirth: '1940-02-03',
  clientType: 'Service User',
  postcode: 'CA1 1AA',
  accommodationStatus: 'Owner occupier',
  hasUnpaidCarer: 'No',
  eventType: 'Service',
  eventStartDate: '2024-05-01',
  primarySupportReason: 'Mental Health Support',
  serviceType: 'Carer Support',
};

export const mistakes: unknown[] = [attendance, vaccination, person, event];

// emergency-care-attendance: category 5 is not a code; arrivalMode misspelt
// @ts-expect-error -- "5" is not an attendance category
mistakes.push({ ...attendance, attendanceCategory: '5' } satisfies EmergencyCareAttendance);
// @ts-expect-error -- arivalMode is not a field (arrivalMode is)
mistakes.push({ ...attendance, arivalMode: '1048031000000100' } satisfies EmergencyCareAttendance);

// covid-vaccination-event: a third-dose procedure code is not in the list; batchNumber misspelt
// @ts-expect-error -- not one of the two vaccination procedure codes
mistakes.push({ ...vaccination, vaccinationProcedure: '1362591000000103' } satisfies CovidVaccinationEvent);
// @ts-expect-error -- batchNo is not a field (batchNumber is)
mistakes.push({ ...vaccination, batchNo: 'AB1234' } satisfies CovidVaccinationEvent);

// patient-demographics: gender "M" is not a code (1 is male); a misspelt field inside the address
// @ts-expect-error -- "M" is not a person stated gender code
mistakes.push({ ...person, personStatedGender: 'M' } satisfies PatientDemographics);
// @ts-expect-error -- postCode is not a field of the address (postcode is)
mistakes.push({ ...person, address: { postcode: 'EX2 5DW', postCode: 'EX2 5DW' } } satisfies PatientDemographics);

// adult-social-care-client-level: "Home Care" is not a service type; clientType misspelt
// @ts-expect-error -- not one of the CLD service types
mistakes.push({ ...event, serviceType: 'Home Care' } satisfies AdultSocialCareClientLevel);
// @ts-expect-error -- client_type is not a field (clientType is)
mistakes.push({ ...event, client_type: 'Carer' } satisfies AdultSocialCareClientLevel);

// The file check of a version with rules across rows is typed: findings per row, the rules by id; a version
// without them has none (an empty tuple).
export async function fileCheckTypes(rows: Iterable<unknown>, stream: AsyncIterable<unknown>): Promise<Finding[]> {
  const file = createFileCheck({ submittedAt: '2024-07-01T12:00:00Z' });
  const first: Finding[] = file.check({}, 2);
  // @ts-expect-error -- the line is a number
  file.check({}, '2');
  // @ts-expect-error -- records is read-only
  file.records = 0;
  const rule: 'duplicate-identifier' | 'identifier-already-deleted' = rulesAcrossRows[0];
  // @ts-expect-error -- 5.0.0 declares no rule across rows: the tuple is empty
  const none: string = noRulesAcrossRows[0];
  for (const findings of validateRows(rows, { firstLine: 2 })) first.push(...findings.filter((f) => f.rule === rule || f.rule === none));
  for await (const findings of validateRowsAsync(stream)) first.push(...findings);
  // @ts-expect-error -- a stream is not an Iterable: validateRowsAsync takes it
  validateRows(stream);
  // The findings about the file (its name, from the context) are read-only, from the check or on their own.
  const named = createFileCheck({ submittedAt: '2024-07-01T12:00:00Z', fileName: 'FLU_Vaccinations_v5_B86001_20240610T18332500.csv' });
  first.push(...named.fileFindings, ...fileFindings({ submittedAt: '2024-07-01T12:00:00Z', fileName: 'x.csv' }));
  // @ts-expect-error -- the file's findings are read-only
  named.fileFindings.push(first[0]!);
  // @ts-expect-error -- the file name is a string
  fileFindings({ submittedAt: '2024-07-01T12:00:00Z', fileName: 1 });
  return first;
}
