/*
 * TypeScript types of patient-demographics 2.1.0: the record type PatientDemographics and the definitions it uses.
 * Standard: patient-demographics
 * Version: 2.1.0
 * Content hash: sha256:8efefef4112119245284956463818913b674337968c7a2ee12f8af2ed7b7586f
 * Made by: conform types --standard patient-demographics@2.1.0 --out <dir> (Conform code generation 5)
 * Generated file: do not edit it; generate it again instead.
 */

/**
 * Patient demographics 2.1.0
 *
 * One person's demographic record as held by a care provider: identifiers, name, date of birth and death, stated gender, gender identity, ethnic category, usual address (with its UPRN) and registered GP practice. 2.0.0 takes only a GP practice code in the GP practice field (G9999981, a GP practitioner code, is refused; V81997 records that the person has no registered practice) and only UK offsets (Z, +00:00, +01:00) in lastUpdated. Items follow the NHS Data Model and Dictionary definitions. The address is a nested object; in CSV it is written with dotted headers (address.line1, address.postcode, ...). From 2.1.0, a date-time written with an offset the UK did not have at that moment (+01:00 while the UK was on GMT, or Z or ±00:00 while it was on BST) is a warning: it is not UK local time, or it is an hour out.
 *
 * Expected to be filled, though optional: `ethnicCategory`, `gpPracticeCode`, `genderIdentity`.
 *
 * Cross-field rules (checked by the validator):
 * - `death-not-before-birth`: dateOfDeath not before dateOfBirth.
 * - `birth-not-in-future`: dateOfBirth not after the submission.
 * - `death-not-in-future`: dateOfDeath not after the submission.
 * - `last-updated-not-in-future`: lastUpdated not after the submission.
 */
export interface PatientDemographics {
  /**
   * The provider's local identifier of the person (e.g. hospital or case-note number); unique within the provider.
   *
   * Length: 1 to 20 characters.
   */
  localPatientId: string;
  /**
   * NHS NUMBER of the person, Modulus 11 checked.
   */
  nhsNumber: NhsNumber;
  /**
   * The person's given (first) name.
   *
   * Length: 1 to 35 characters.
   */
  givenName: string;
  /**
   * The person's family name (surname).
   *
   * Length: 1 to 35 characters.
   */
  familyName: string;
  /**
   * PERSON BIRTH DATE.
   */
  dateOfBirth: DateString;
  /**
   * PERSON DEATH DATE, when the person has died. Must not be earlier than the date of birth.
   */
  dateOfDeath?: DateString;
  /**
   * PERSON STATED GENDER CODE (X = not known).
   */
  personStatedGender: PersonStatedGender;
  /**
   * GENDER IDENTITY CODE as stated by the person (Z = not stated, X = not known). Optional; added in 1.1.0.
   */
  genderIdentity?: GenderIdentity;
  /**
   * ETHNIC CATEGORY as stated by the person (Z = not stated, 99 = not known).
   */
  ethnicCategory?: EthnicCategory;
  /**
   * The person's usual address. Written in CSV as address.line1, address.line2, address.town, address.postcode, address.uprn.
   *
   * Expected to be filled, though optional: `line1`.
   */
  address: {
    /**
     * First line of the usual address (house number or name and street).
     *
     * Length: 1 to 35 characters.
     */
    line1?: string;
    /**
     * Second line of the usual address (locality).
     *
     * Length: at most 35 characters.
     */
    line2?: string;
    /**
     * Post town of the usual address.
     *
     * Length: at most 35 characters.
     */
    town?: string;
    /**
     * POSTCODE OF USUAL ADDRESS; a ZZ99 pseudo-postcode when there is no fixed abode or it is not known. Default codes (the postcode is not known; any case, with or without the space): ZZ99 3WZ not known, and ZZ99 3CZ, ZZ99 3GZ, ZZ99 1WZ, ZZ99 2WZ England (or UK), Wales, Scotland, Northern Ireland, not otherwise stated. Answers, not defaults: ZZ99 3VZ no fixed abode, and the other ZZ99 codes, each an overseas country of residence (e.g. ZZ99 6CZ India).
     *
     * Default ("not known") codes: `ZZ99 3WZ`, `ZZ99 3CZ`, `ZZ99 3GZ`, `ZZ99 1WZ`, `ZZ99 2WZ`.
     */
    postcode: UkPostcode;
    /**
     * Unique Property Reference Number of the usual address (1 to 12 digits, as a string). Optional; added in 1.1.0.
     *
     * Pattern: `^[1-9][0-9]{0,11}$`.
     */
    uprn?: string;
  };
  /**
   * GENERAL MEDICAL PRACTICE CODE (PATIENT REGISTRATION), a letter and five digits; V81997 no registered practice, V81998 not applicable, V81999 not known. G9999981 is a GP practitioner code, not a practice code, and is refused.
   */
  gpPracticeCode?: GpPractice;
  /**
   * When this demographic record was last created or changed at the provider, with a UK offset (Z, +00:00 or +01:00).
   */
  lastUpdated: UkDateTime;
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
 * Ethnic category
 *
 * ETHNIC CATEGORY (2001 census "16+1" classification), national code. Z (Not stated) is a national code meaning the person chose not to say; 99 (Not known) is the default code used when the person was not asked or could not answer. There are no codes I, O or Q. The optional local second character of the an2 format is not carried here.
 *
 * Codes:
 * - `A`: White - British
 * - `B`: White - Irish
 * - `C`: White - Any other White background
 * - `D`: Mixed - White and Black Caribbean
 * - `E`: Mixed - White and Black African
 * - `F`: Mixed - White and Asian
 * - `G`: Mixed - Any other mixed background
 * - `H`: Asian or Asian British - Indian
 * - `J`: Asian or Asian British - Pakistani
 * - `K`: Asian or Asian British - Bangladeshi
 * - `L`: Asian or Asian British - Any other Asian background
 * - `M`: Black or Black British - Caribbean
 * - `N`: Black or Black British - African
 * - `P`: Black or Black British - Any other Black background
 * - `R`: Other Ethnic Groups - Chinese
 * - `S`: Other Ethnic Groups - Any other ethnic group
 * - `Z`: Not stated (the person chose not to say)
 * - `99`: Not known (not asked, or unable to answer)
 *
 * Default ("not known") codes: `99`.
 */
export type EthnicCategory =
  "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "J" | "K" | "L" | "M" | "N" | "P" | "R" | "S" | "Z" | "99";

/**
 * Gender identity
 *
 * GENDER IDENTITY CODE: the gender the person identifies as. Z (Not stated) means the person chose not to say; X (Not known) is the default code.
 *
 * Codes:
 * - `1`: Male (including trans man)
 * - `2`: Female (including trans woman)
 * - `3`: Non-binary
 * - `4`: Other (not listed)
 * - `Z`: Not stated
 * - `X`: Not known
 *
 * Default ("not known") codes: `X`.
 */
export type GenderIdentity = "1" | "2" | "3" | "4" | "Z" | "X";

/**
 * GP practice code
 *
 * ODS code of the general practice the person is registered with: one letter and five digits. Default codes: V81997 no registered GP practice, V81998 not applicable (e.g. prison or Ministry of Defence), V81999 practice code not known. G9999981 (no registered GP practitioner) is a GP practitioner code, not a practice code, and is refused.
 *
 * Default ("not known") codes: `V81997`, `V81998`, `V81999`.
 * Format: `ods-gp-practice` (checked by the validator).
 */
export type GpPractice = string;

/**
 * NHS number
 *
 * NHS NUMBER: 10 digits without spaces (displayed 3-3-4, e.g. 943 476 5919); digit 10 is a Modulus 11 check digit and the check is mandatory (a remainder giving check 10 is never issued). Validated by checksum, not by number range.
 *
 * Format: `nhs-number` (checked by the validator).
 */
export type NhsNumber = string;

/**
 * Person stated gender
 *
 * PERSON STATED GENDER CODE: the gender of the person as stated by them. X (Not Known) is the default code used when the gender has not been recorded.
 *
 * Codes:
 * - `1`: Male
 * - `2`: Female
 * - `9`: Indeterminate (unable to be classified as either male or female)
 * - `X`: Not Known (not recorded)
 *
 * Default ("not known") codes: `X`.
 */
export type PersonStatedGender = "1" | "2" | "9" | "X";

/**
 * Date and time (UK offset)
 *
 * A date and time in RFC 3339 form whose UTC offset is one UK local time can have: Z or +00:00 (Greenwich Mean Time) or +01:00 (British Summer Time), e.g. 2024-06-21T10:15:20+01:00 or 2024-01-05T22:40:00Z. Any other offset (such as -05:00) and a date-time without an offset are rejected.
 *
 * Format: `uk-date-time` (checked by the validator).
 */
export type UkDateTime = string;

/**
 * UK postcode
 *
 * POSTCODE (max an8): a UK postcode with at most one space between the outward and inward parts, following the BS7666 letter rules. When the postcode is not known the ZZ99 pseudo-postcodes are used, e.g. ZZ99 3VZ no fixed abode, ZZ99 3WZ not known, ZZ99 3CZ England/UK not otherwise stated, ZZ99 6CZ India (overseas country).
 *
 * Format: `uk-postcode` (checked by the validator).
 * Length: at most 8 characters.
 */
export type UkPostcode = string;
