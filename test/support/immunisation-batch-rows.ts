/**
 * Rows of the national immunisation batch file for tests that work a scorecard out by hand: the 34
 * columns in order, a valid NEW row per number (its own NHS number and identifier, dated November 2026),
 * a DELETE row carrying only its identifier, and the file's text as the pipeline takes it (pipe-delimited,
 * CRLF line ends).
 */
export const HEADER =
  'NHS_NUMBER|PERSON_FORENAME|PERSON_SURNAME|PERSON_DOB|PERSON_GENDER_CODE|PERSON_POSTCODE|DATE_AND_TIME|SITE_CODE|SITE_CODE_TYPE_URI|UNIQUE_ID|UNIQUE_ID_URI|ACTION_FLAG|PERFORMING_PROFESSIONAL_FORENAME|PERFORMING_PROFESSIONAL_SURNAME|RECORDED_DATE|PRIMARY_SOURCE|VACCINATION_PROCEDURE_CODE|VACCINATION_PROCEDURE_TERM|DOSE_SEQUENCE|VACCINE_PRODUCT_CODE|VACCINE_PRODUCT_TERM|VACCINE_MANUFACTURER|BATCH_NUMBER|EXPIRY_DATE|SITE_OF_VACCINATION_CODE|SITE_OF_VACCINATION_TERM|ROUTE_OF_VACCINATION_CODE|ROUTE_OF_VACCINATION_TERM|DOSE_AMOUNT|DOSE_UNIT_CODE|DOSE_UNIT_TERM|INDICATION_CODE|LOCATION_CODE|LOCATION_CODE_TYPE_URI'.split(
    '|',
  );
/** Valid NHS numbers (Modulus 11), one per row. */
const NHS =
  '9434765919 9434765927 9434765935 9434765943 9434765951 9434765978 9434765986 9434765994 9434766001 9434766028 9434766036 9434766044 9434766052 9434766060 9434766079 9434766087 9434766095 9434766109 9434766117 9434766125 9434766133 9434766141 9434766168 9434766176 9434766184 9434766192'.split(
    ' ',
  );
const ODS_URI = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const URI = 'https://supplier.example/vaccinations';

/** Row `n` (1 to 26): a valid NEW of identifier COVID-000n, with its own NHS number. */
export const base = (n: number): Record<string, string> => ({
  NHS_NUMBER: NHS[n - 1]!,
  PERSON_FORENAME: 'ALEX',
  PERSON_SURNAME: 'SMITH',
  PERSON_DOB: '19500314',
  PERSON_GENDER_CODE: '2',
  PERSON_POSTCODE: 'LS1 4AP',
  DATE_AND_TIME: '20261110T10150000',
  SITE_CODE: 'B86001',
  SITE_CODE_TYPE_URI: ODS_URI,
  UNIQUE_ID: `COVID-${String(n).padStart(4, '0')}`,
  UNIQUE_ID_URI: URI,
  ACTION_FLAG: 'NEW',
  PERFORMING_PROFESSIONAL_FORENAME: 'SAM',
  PERFORMING_PROFESSIONAL_SURNAME: 'JONES',
  RECORDED_DATE: '20261110',
  PRIMARY_SOURCE: 'TRUE',
  VACCINATION_PROCEDURE_CODE: '1362591000000103',
  VACCINATION_PROCEDURE_TERM: 'Immunisation course to maintain protection against SARS-CoV-2',
  DOSE_SEQUENCE: '3',
  VACCINE_PRODUCT_CODE: '43111411000001101',
  VACCINE_PRODUCT_TERM: 'Comirnaty JN.1',
  VACCINE_MANUFACTURER: 'Pfizer Ltd',
  BATCH_NUMBER: 'FK1234',
  EXPIRY_DATE: '20270331',
  SITE_OF_VACCINATION_CODE: '368208006',
  SITE_OF_VACCINATION_TERM: 'Left upper arm structure',
  ROUTE_OF_VACCINATION_CODE: '78421000',
  ROUTE_OF_VACCINATION_TERM: 'Intramuscular',
  DOSE_AMOUNT: '0.3',
  DOSE_UNIT_CODE: '258773002',
  DOSE_UNIT_TERM: 'Milliliter',
  INDICATION_CODE: '443684005',
  LOCATION_CODE: 'B86001',
  LOCATION_CODE_TYPE_URI: ODS_URI,
});

/** A DELETE of identifier `id` (ACTION_FLAG written `flag`), every other column empty, as a DELETE needs only its identifier. */
export const deleteRow = (id: string, flag = 'DELETE'): Record<string, string> => ({
  ...Object.fromEntries(HEADER.map((h) => [h, ''])),
  UNIQUE_ID: id,
  UNIQUE_ID_URI: URI,
  ACTION_FLAG: flag,
});

/** The file's text: the header, then each row's cells in the header's order (a cell changed by `cell` when given). */
export const batchCsv = (rows: Record<string, string>[], cell: (column: string, value: string) => string = (_, value) => value): string =>
  [HEADER.join('|'), ...rows.map((r) => HEADER.map((h) => cell(h, r[h]!)).join('|'))].join('\r\n') + '\r\n';
