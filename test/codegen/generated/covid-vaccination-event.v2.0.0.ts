/*
 * TypeScript types of covid-vaccination-event 2.0.0: the record type CovidVaccinationEvent and the definitions it uses.
 * Standard: covid-vaccination-event
 * Version: 2.0.0
 * Content hash: sha256:262384d756653669221735da076b313c27caab988e1d9d07c621ea28b27a2090
 * Made by: conform types --standard covid-vaccination-event@2.0.0 --out <dir> (Conform code generation 5)
 * Generated file: do not edit it; generate it again instead.
 */

/**
 * COVID-19 vaccination event 2.0.0
 *
 * One COVID-19 vaccination given to one person, as a flat record: when, to whom, which vaccine product (dm+d), which dose, the anatomical site and route, the batch, and the organisation that gave it. The dose is identified by the required vaccination procedure code; doseNumber (1.0.0) is no longer accepted, because the dose number will not always be reliable.
 *
 * Expected to be filled, though optional: `vaccinationSite`, `route`, `batchNumber`.
 */
export interface CovidVaccinationEvent {
  /**
   * The recording system's identifier of this vaccination event (e.g. a UUID); unique within the organisation.
   *
   * Length: 1 to 36 characters.
   */
  vaccinationEventId: string;
  /**
   * NHS NUMBER of the vaccinated person, Modulus 11 checked.
   */
  nhsNumber: NhsNumber;
  /**
   * Date and time the vaccine was given, with a UTC offset. The event date of the record.
   */
  vaccinationDateTime: DateTime;
  /**
   * Vaccine product given, as a dm+d identifier (AMP, VMP or VTM; dm+d uses the SNOMED CT identifier scheme), e.g. 39114911000001105.
   */
  vaccineProduct: Sctid;
  /**
   * Vaccination procedure (SNOMED CT), which identifies the dose; required from 2.0.0, replacing doseNumber.
   *
   * Codes:
   * - `1324681000000101`: Administration of first dose of SARS-CoV-2 vaccine
   * - `1324691000000104`: Administration of second dose of SARS-CoV-2 vaccine
   */
  vaccinationProcedure: "1324681000000101" | "1324691000000104";
  /**
   * Disease the vaccination protects against (SNOMED CT); always COVID-19 in this standard.
   *
   * Codes:
   * - `840539006`: COVID-19
   */
  targetDisease?: "840539006";
  /**
   * Anatomical site of the injection (SNOMED CT, from reference set 1127941000000100), e.g. 368208006 left upper arm.
   */
  vaccinationSite?: Sctid;
  /**
   * Route of administration (SNOMED CT, from the e-prescribing route subset 413001000001136), e.g. intramuscular.
   */
  route?: Sctid;
  /**
   * Vaccine manufacturer, as free text.
   *
   * Length: 1 to 100 characters.
   */
  manufacturer?: string;
  /**
   * Batch (lot) number printed on the vaccine pack.
   *
   * Length: 1 to 20 characters.
   */
  batchNumber?: string;
  /**
   * Expiry date of the batch.
   */
  expiryDate?: DateString;
  /**
   * ODS code of the organisation responsible for the vaccination (e.g. a GP practice, trust or community pharmacy).
   */
  organisationOdsCode: OdsCode;
  /**
   * ODS code of the site or vaccination centre where the vaccine was given, when different from the organisation.
   */
  locationOdsCode?: OdsCode;
}

/**
 * Date
 *
 * A calendar date in RFC 3339 full-date form, YYYY-MM-DD, e.g. 2024-03-31.
 *
 * Format: `date` (checked by the validator).
 */
export type DateString = string;

/**
 * Date and time
 *
 * A date and time in RFC 3339 form with a mandatory UTC offset, e.g. 2024-06-21T10:15:20+01:00 or 2024-01-05T22:40:00Z. A date-time without an offset is rejected.
 *
 * Format: `date-time` (checked by the validator).
 */
export type DateTime = string;

/**
 * NHS number
 *
 * NHS NUMBER: 10 digits without spaces (displayed 3-3-4, e.g. 943 476 5919); digit 10 is a Modulus 11 check digit and the check is mandatory (a remainder giving check 10 is never issued). Validated by checksum, not by number range.
 *
 * Format: `nhs-number` (checked by the validator).
 */
export type NhsNumber = string;

/**
 * ODS organisation or site code
 *
 * Organisation Data Service code of an organisation or site: 3 to 8 upper-case letters and digits, e.g. an NHS trust code (RH8) or a trust site code (RH802 = trust RH8, site 02).
 *
 * Format: `ods-code` (checked by the validator).
 */
export type OdsCode = string;

/**
 * SNOMED CT identifier
 *
 * SNOMED CT identifier (SCTID) as a string of 6 to 18 digits with no leading zero; partition 00/01/02 (short format), 10/11/12 (long format, extension namespace) or 16, and a Verhoeff check digit. Never a JSON number: SCTIDs do not fit a 53-bit JavaScript number.
 *
 * Format: `sctid` (checked by the validator).
 */
export type Sctid = string;
