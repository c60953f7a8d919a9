/*
 * TypeScript types of immunisation-batch 10.3.0: the record type ImmunisationBatch and the definitions it uses.
 * Standard: immunisation-batch
 * Version: 10.3.0
 * Content hash: sha256:4a997c65946a7be2ef84757758a95a3e5ce7234c1bce814b3bd0b571c06021b4
 * Made by: conform types --standard immunisation-batch@10.3.0 --out <dir> (Conform code generation 5)
 * Generated file: do not edit it; generate it again instead.
 */

/**
 * Immunisation batch file 10.3.0
 *
 * One row of the national immunisation batch file, version 5 of its specification: the pipe-delimited CSV that GP systems, pharmacies and vaccination services send to NHS England's Immunisation FHIR API batch pipeline, one file per vaccine type, named {VACC}_Vaccinations_v5_{ODS}_{YYYYMMDDThhmmsszz}.csv. The 34 columns come in a fixed order with exact names; cells may be quoted or not. Every value is text on the wire: dates YYYYMMDD, the vaccination time YYYYMMDDThhmmss with an optional offset suffix 00 (GMT) or 01 (BST), PRIMARY_SOURCE true or false in any case. ACTION_FLAG (NEW, UPDATE or DELETE, any case) decides what a row must carry: every row needs UNIQUE_ID and UNIQUE_ID_URI; a DELETE row needs nothing else and its other columns are not checked, for errors or warnings (the pipeline builds only the identifier from it and ignores the rest); a NEW or UPDATE row is checked column by column as the pipeline's validator checks it. Checks the pipeline does not make (postcode shape, SNOMED CT site, route and unit codes, expiry and recorded date against the vaccination, codes that belong to another vaccine type) are warnings, so a row the pipeline accepts never carries an error here. Across rows, as the pipeline keeps one record per identifier, UNIQUE_ID_URI#UNIQUE_ID joined as one text (so URI a#b with ID c is URI a with ID b#c): a NEW row whose identifier an earlier row of the same file created (or brought back) and no row has deleted since is refused as a duplicate, and a DELETE row whose identifier an earlier row of the same file asked to delete, and no NEW or UPDATE has brought back since, is refused as there is no record to delete. The file name is checked as the pipeline checks it: its ODS code 3 to 10 letters and digits (the pipeline maps codes such as 8J1100001 and DPSREDUCED to suppliers), its timestamp exactly 17 characters, a real YYYYMMDDThhmmss followed by the zone 00 (GMT) or 01 (BST). An NHS number may be written in the decimal digits of any script, as the pipeline's Python reads it (a warning says other systems expect 0 to 9, as for a date so written); "not in the future" is judged as the pipeline judges it, against today's date in UTC (where it runs), so in the first hour of a day in British Summer Time the UK's today is still the future. The columns a NEW or UPDATE row must carry count in the scorecard's completeness on those rows, ACTION_FLAG in any case as the pipeline reads it (nEw and uPdAtE too), and the gender and postcode default codes count on those rows only (a DELETE row carries none of them). An NHS number that is a placeholder (one digit ten times, which passes Modulus 11) is a warning, as the pipeline accepts it. Version 10.3 of Conform's standard, still version 5 of the national specification (file names carry V5).
 *
 * Expected to be filled, though optional: `NHS_NUMBER`, `VACCINE_PRODUCT_CODE`, `BATCH_NUMBER`, `EXPIRY_DATE`, `DOSE_SEQUENCE`.
 *
 * Conditional rules (if/then/else) are not expressed in this type; the validator checks them.
 */
export interface ImmunisationBatch {
  /**
   * NHS number of the vaccinated person, 10 digits with a Modulus 11 check digit, no spaces (the decimal digits of any script are read, as the national pipeline reads them). Optional (blank is accepted).
   */
  NHS_NUMBER?: string;
  /**
   * The person's forename(s), at most 180 characters, not only spaces. Required for NEW and UPDATE.
   *
   * @remarks Required when ACTION_FLAG is NEW or UPDATE.
   */
  PERSON_FORENAME?: string;
  /**
   * The person's surname, at most 35 characters, not only spaces. Required for NEW and UPDATE.
   *
   * @remarks Required when ACTION_FLAG is NEW or UPDATE.
   */
  PERSON_SURNAME?: string;
  /**
   * Date of birth, YYYYMMDD (YYYY-MM-DD also accepted), a real date not in the future (today's date in UTC at the latest, as the national pipeline counts it). Required for NEW and UPDATE.
   *
   * @remarks Required when ACTION_FLAG is NEW or UPDATE.
   */
  PERSON_DOB?: string;
  /**
   * Gender, 1 male, 2 female, 9 other, 0 unknown (the words male, female, other and unknown in lower case are accepted too). Required for NEW and UPDATE. 0 and unknown are its default codes.
   *
   * Default ("not known") codes: `0`, `unknown`.
   *
   * @remarks Required when ACTION_FLAG is NEW or UPDATE.
   */
  PERSON_GENDER_CODE?: string;
  /**
   * The person's postcode. Required for NEW and UPDATE; the national pipeline does not check its shape, so a postcode that is not a UK postcode is a warning. When it is not known, a row still needs one, so the postcode-not-known pseudo-postcodes are its default codes (any case, with or without the space) - ZZ99 3WZ not known, and ZZ99 3CZ, ZZ99 3GZ, ZZ99 1WZ, ZZ99 2WZ England (or UK), Wales, Scotland, Northern Ireland, not otherwise stated; ZZ99 3VZ (no fixed abode) and the overseas ZZ99 codes are answers.
   *
   * Default ("not known") codes: `ZZ99 3WZ`, `ZZ99 3CZ`, `ZZ99 3GZ`, `ZZ99 1WZ`, `ZZ99 2WZ`.
   *
   * @remarks Required when ACTION_FLAG is NEW or UPDATE.
   */
  PERSON_POSTCODE?: string;
  /**
   * When the vaccine was given, YYYYMMDDThhmmss (8 digits, T, 6 digits) with no suffix (UTC), 00 (GMT) or 01 (BST), e.g. 20240610T18332501; not in the future. Required for NEW and UPDATE. The event date of the record.
   *
   * @remarks Required when ACTION_FLAG is NEW or UPDATE.
   */
  DATE_AND_TIME?: string;
  /**
   * The code of the organisation that gave the vaccination (performer), e.g. an ODS code. Required for NEW and UPDATE.
   *
   * @remarks Required when ACTION_FLAG is NEW or UPDATE.
   */
  SITE_CODE?: string;
  /**
   * The system of SITE_CODE, e.g. https://fhir.nhs.uk/Id/ods-organization-code. Required for NEW and UPDATE.
   *
   * @remarks Required when ACTION_FLAG is NEW or UPDATE.
   */
  SITE_CODE_TYPE_URI?: string;
  /**
   * The sending system's identifier of this vaccination. Required on every row; with UNIQUE_ID_URI it identifies the record that an UPDATE or DELETE acts on.
   */
  UNIQUE_ID: string;
  /**
   * The system of UNIQUE_ID (any URI). Required on every row.
   */
  UNIQUE_ID_URI: string;
  /**
   * NEW, UPDATE or DELETE, in any case and with no spaces. Required on every row. A DELETE row needs only UNIQUE_ID and UNIQUE_ID_URI.
   *
   * Format: `action-flag` (checked by the validator).
   */
  ACTION_FLAG: string;
  /**
   * Forename of the professional who gave the vaccination. Optional.
   */
  PERFORMING_PROFESSIONAL_FORENAME?: string;
  /**
   * Surname of the professional who gave the vaccination. Optional.
   */
  PERFORMING_PROFESSIONAL_SURNAME?: string;
  /**
   * When the vaccination was recorded, YYYYMMDD (or YYYY-MM-DD), or a date and time written YYYY-MM-DDThh:mm:ss with its offset (Z or ±hh:mm, e.g. 2024-06-10T12:00:00+01:00); not in the future (a date alone is at the latest today's date in UTC, as the national pipeline counts it). The compact YYYYMMDDThhmmss is not read here. Required for NEW and UPDATE.
   *
   * @remarks Required when ACTION_FLAG is NEW or UPDATE.
   */
  RECORDED_DATE?: string;
  /**
   * Whether the record comes from the person who gave the vaccination, true or false in any case (TRUE, FALSE). Required for NEW and UPDATE.
   *
   * @remarks Required when ACTION_FLAG is NEW or UPDATE.
   */
  PRIMARY_SOURCE?: boolean | string;
  /**
   * The vaccination procedure, a SNOMED CT concept id (6 to 18 digits, Verhoeff check digit, partition 00 or 10). Required for NEW and UPDATE. A code this standard does not list for the file's vaccine type is a warning.
   *
   * @remarks Required when ACTION_FLAG is NEW or UPDATE.
   */
  VACCINATION_PROCEDURE_CODE?: string;
  /**
   * The procedure's display term. Optional.
   */
  VACCINATION_PROCEDURE_TERM?: string;
  /**
   * The dose's place in the course, a whole number 1 to 9 (01 is accepted). Optional.
   */
  DOSE_SEQUENCE?: number | string;
  /**
   * The vaccine product, a SNOMED CT (dm+d) concept id. Optional. A code this standard does not list for the file's vaccine type is a warning.
   */
  VACCINE_PRODUCT_CODE?: string;
  /**
   * The product's display term. Optional.
   */
  VACCINE_PRODUCT_TERM?: string;
  /**
   * The manufacturer, as text. Optional.
   */
  VACCINE_MANUFACTURER?: string;
  /**
   * The batch (lot) number. Optional.
   */
  BATCH_NUMBER?: string;
  /**
   * The batch expiry date, YYYYMMDD, a real date (the future is allowed). Optional. An expiry before the vaccination is a warning.
   */
  EXPIRY_DATE?: string;
  /**
   * The body site, a SNOMED CT code (e.g. 368208006 left upper arm); not checked by the pipeline, so a code that is not a concept id is a warning. Optional.
   */
  SITE_OF_VACCINATION_CODE?: string;
  /**
   * The body site's display term. Optional.
   */
  SITE_OF_VACCINATION_TERM?: string;
  /**
   * The route, a SNOMED CT code (e.g. 78421000 intramuscular); a code that is not a concept id is a warning. Optional.
   */
  ROUTE_OF_VACCINATION_CODE?: string;
  /**
   * The route's display term. Optional.
   */
  ROUTE_OF_VACCINATION_TERM?: string;
  /**
   * The amount given, a number (no limit on decimal places). Optional.
   */
  DOSE_AMOUNT?: number | string;
  /**
   * The dose unit, a SNOMED CT code; a code that is not a concept id is a warning. Optional.
   */
  DOSE_UNIT_CODE?: string;
  /**
   * The dose unit's display term. Optional.
   */
  DOSE_UNIT_TERM?: string;
  /**
   * Why the vaccination was given, a code (not checked against SNOMED CT by the pipeline). Optional.
   */
  INDICATION_CODE?: string;
  /**
   * The code of the place where the vaccination was given, e.g. an ODS site code or a URN. Required for NEW and UPDATE.
   *
   * @remarks Required when ACTION_FLAG is NEW or UPDATE.
   */
  LOCATION_CODE?: string;
  /**
   * The system of LOCATION_CODE. Required for NEW and UPDATE.
   *
   * @remarks Required when ACTION_FLAG is NEW or UPDATE.
   */
  LOCATION_CODE_TYPE_URI?: string;
}
