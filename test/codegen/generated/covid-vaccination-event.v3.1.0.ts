/*
 * TypeScript types of covid-vaccination-event 3.1.0: the record type CovidVaccinationEvent and the definitions it uses.
 * Standard: covid-vaccination-event
 * Version: 3.1.0
 * Content hash: sha256:cf39ee6df27929235a3debfb93e1dc0597b75accf35a2d37c8b097ea9f31f829
 * Made by: conform types --standard covid-vaccination-event@3.1.0 --out <dir> (Conform code generation 5)
 * Generated file: do not edit it; generate it again instead.
 */

/**
 * COVID-19 vaccination event 3.1.0
 *
 * One COVID-19 vaccination given to one person, as a flat record: when, to whom, which vaccine product (dm+d), which dose, the anatomical site and route, the batch, and the organisation that gave it. The dose is identified by the required vaccination procedure code, which takes every COVID-19 vaccination procedure of the national immunisation mapping (first, second, third, fourth and fifth doses and the primary and protection-maintenance courses). 2.1.0 also carries the optional dose sequence (1 to 9) that the national batch file carries and validates. 3.0.0 adds the sanity rules a data manager expects (the batch had not expired at the vaccination, and the person was born by then), takes date-times with UK offsets only, SNOMED CT concept ids only in coded fields, and a site code (not a trust code) as the location. From 3.1.0, a date-time written with an offset the UK did not have at that moment (+01:00 while the UK was on GMT, or Z or ±00:00 while it was on BST) is a warning: it is not UK local time, or it is an hour out.
 *
 * Expected to be filled, though optional: `vaccinationSite`, `route`, `batchNumber`.
 *
 * Cross-field rules (checked by the validator):
 * - `expiry-not-before-vaccination`: expiryDate not before vaccinationDateTime.
 * - `vaccination-not-before-birth`: vaccinationDateTime not before dateOfBirth.
 * - `vaccination-not-in-future`: vaccinationDateTime not after the submission.
 * - `birth-not-in-future`: dateOfBirth not after the submission.
 * - `vaccination-in-period`: vaccinationDateTime within the reporting period (warning).
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
   * PERSON BIRTH DATE of the vaccinated person, as the national batch file carries it (PERSON_DOB). Optional; added in 3.0.0. The vaccination must not be earlier than it.
   */
  dateOfBirth?: DateString;
  /**
   * Date and time the vaccine was given, with a UK offset (Z, +00:00 or +01:00). The event date of the record. Not earlier than the date of birth, and not later than the batch expiry date.
   */
  vaccinationDateTime: UkDateTime;
  /**
   * Vaccine product given, as a dm+d identifier (AMP, VMP or VTM; dm+d uses the SNOMED CT identifier scheme), e.g. 39114911000001105. A concept id (a description id is refused).
   */
  vaccineProduct: SctidConcept;
  /**
   * Vaccination procedure (SNOMED CT), which identifies the dose; required from 2.0.0, replacing doseNumber. Every COVID-19 vaccination procedure code of the national immunisation mapping is accepted (from 2.1.0: boosters and third and later doses too).
   *
   * Codes:
   * - `1324681000000101`: Administration of first dose of SARS-CoV-2 vaccine
   * - `1324691000000104`: Administration of second dose of SARS-CoV-2 vaccine
   * - `1324671000000103`: Immunisation course to achieve immunity against SARS-CoV-2 (primary course, including a third primary dose)
   * - `1362591000000103`: Immunisation course to maintain protection against SARS-CoV-2 (booster; every later dose)
   * - `1363861000000103`: Administration of third dose of SARS-CoV-2 vaccine
   * - `1363791000000101`: Administration of fourth dose of SARS-CoV-2 vaccine
   * - `1363831000000108`: Administration of fifth dose of SARS-CoV-2 vaccine
   */
  vaccinationProcedure:
    | "1324681000000101"
    | "1324691000000104"
    | "1324671000000103"
    | "1362591000000103"
    | "1363861000000103"
    | "1363791000000101"
    | "1363831000000108";
  /**
   * DOSE_SEQUENCE of the national immunisation batch file: the dose's place in the person's course, 1 to 9. Optional; added in 2.1.0. The procedure code remains the reliable statement of the dose (UK Core: the dose number "will not always be reliable"), but the batch file still carries and validates this item, so it is accepted rather than rejected.
   *
   * Value: at least 1.
   * Value: at most 9.
   */
  doseSequence?: number;
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
  vaccinationSite?: SctidConcept;
  /**
   * Route of administration (SNOMED CT, from the e-prescribing route subset 413001000001136), e.g. intramuscular.
   */
  route?: SctidConcept;
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
   * Expiry date of the batch; not earlier than the vaccination date.
   */
  expiryDate?: DateString;
  /**
   * ODS code of the organisation responsible for the vaccination (e.g. a GP practice, trust or community pharmacy).
   */
  organisationOdsCode: OdsCode;
  /**
   * ODS site code (5 to 9 characters) of the site or vaccination centre where the vaccine was given, when different from the organisation, e.g. RH802. A 3-character trust code is refused: it names an organisation, not a place.
   */
  locationOdsCode?: OdsSiteCode;
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
 * ODS site code
 *
 * ORGANISATION SITE IDENTIFIER: the Organisation Data Service code of a site, 5 to 9 upper-case letters and digits (an5 to an9, as in ECDS v4), e.g. RH802 = trust RH8, site 02. A bare 3-character trust code is refused where a site is needed.
 *
 * Format: `ods-site` (checked by the validator).
 */
export type OdsSiteCode = string;

/**
 * SNOMED CT concept identifier
 *
 * A SNOMED CT identifier that names a concept: as sctid, and its partition (the 2nd and 3rd digits from the right) is 00 (short format) or 10 (long format, extension namespace). A description id (01/11) or relationship id (02/12) is refused where a concept is needed.
 *
 * Format: `sctid-concept` (checked by the validator).
 */
export type SctidConcept = string;

/**
 * Date and time (UK offset)
 *
 * A date and time in RFC 3339 form whose UTC offset is one UK local time can have: Z or +00:00 (Greenwich Mean Time) or +01:00 (British Summer Time), e.g. 2024-06-21T10:15:20+01:00 or 2024-01-05T22:40:00Z. Any other offset (such as -05:00) and a date-time without an offset are rejected.
 *
 * Format: `uk-date-time` (checked by the validator).
 */
export type UkDateTime = string;
