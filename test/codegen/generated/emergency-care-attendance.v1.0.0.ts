/*
 * TypeScript types of emergency-care-attendance 1.0.0: the record type EmergencyCareAttendance and the definitions it uses.
 * Standard: emergency-care-attendance
 * Version: 1.0.0
 * Content hash: sha256:75d106ab6d7c64d7631ac8397c20983a7c28aa9936ee30279fa363233a50f8ee
 * Made by: conform types --standard emergency-care-attendance@1.0.0 --out <dir> (Conform code generation 5)
 * Generated file: do not edit it; generate it again instead.
 */

/**
 * Emergency care attendance 1.0.0 (ECDS v3 subset)
 *
 * One attendance at an emergency care department, as a flat (CSV-shaped) record: a Conform subset of the Emergency Care Data Set (ECDS, CDS Type 011) version 3, timed from EMERGENCY CARE ARRIVAL DATE and TIME. Coded clinical items (arrival mode, attendance source, acuity, chief complaint, discharge status and destination) are SNOMED CT identifiers; membership of the ECDS reference set valid on the attendance date is checked only for arrival mode.
 *
 * Expected to be filled, though optional: `nhsNumber`, `dateOfBirth`, `postcode`, `personStatedGender`, `ethnicCategory`, `acuity`, `chiefComplaint`, `departureDateTime`, `dischargeStatus`, `dischargeDestination`.
 *
 * Cross-field rules (checked by the validator):
 * - `departure-not-before-arrival`: departureDateTime not before arrivalDateTime.
 * - `decision-to-admit-not-before-arrival`: decidedToAdmitDateTime not before arrivalDateTime.
 * - `departure-not-before-decision-to-admit`: departureDateTime not before decidedToAdmitDateTime.
 * - `assessment-not-before-arrival`: initialAssessmentDateTime not before arrivalDateTime.
 */
export interface EmergencyCareAttendance {
  /**
   * EMERGENCY CARE ATTENDANCE IDENTIFIER, the provider's identifier of this attendance; unique within the provider.
   *
   * Length: 1 to 20 characters.
   */
  attendanceId: string;
  /**
   * ODS code of the organisation providing the emergency care (e.g. an NHS trust, RH8).
   */
  providerOdsCode: OdsCode;
  /**
   * ODS site code of the emergency care department where the patient was treated (e.g. RH802).
   */
  siteOdsCode: OdsCode;
  /**
   * NHS NUMBER of the patient. Optional, because recording it is not mandatory in emergency care (unidentified or unconscious patients).
   */
  nhsNumber?: NhsNumber;
  /**
   * PERSON BIRTH DATE of the patient, when known.
   */
  dateOfBirth?: DateString;
  /**
   * POSTCODE OF USUAL ADDRESS of the patient; a ZZ99 pseudo-postcode when there is no fixed abode or it is not known.
   */
  postcode?: UkPostcode;
  /**
   * PERSON STATED GENDER CODE of the patient (X = not known).
   */
  personStatedGender?: PersonStatedGender;
  /**
   * ETHNIC CATEGORY of the patient (Z = not stated, 99 = not known).
   */
  ethnicCategory?: EthnicCategory;
  /**
   * EMERGENCY CARE ATTENDANCE CATEGORY (an1). The dead-on-arrival code seen in some analyst code is not part of this subset.
   *
   * Codes:
   * - `1`: Unplanned first attendance
   * - `2`: Unplanned follow-up attendance to this service
   * - `3`: Unplanned follow-up attendance to another service
   * - `4`: Planned follow-up attendance
   */
  attendanceCategory: "1" | "2" | "3" | "4";
  /**
   * EMERGENCY CARE ARRIVAL MODE (SNOMED CT), how the patient arrived.
   *
   * Codes:
   * - `1048031000000100`: Arrival by emergency road ambulance
   * - `1048041000000109`: Arrival by emergency road ambulance with medical escort
   * - `1048021000000102`: Arrival by non-emergency road ambulance
   * - `1048051000000107`: Arrival by helicopter air ambulance
   * - `1048081000000101`: Arrival by medical repatriation air ambulance
   * - `1048061000000105`: Arrival by public transport
   * - `1048071000000103`: Arrival by own transport
   * - `1048001000000106`: Arrival by police transport
   * - `1047991000000102`: Arrival by prison transport
   */
  arrivalMode:
    | "1048031000000100"
    | "1048041000000109"
    | "1048021000000102"
    | "1048051000000107"
    | "1048081000000101"
    | "1048061000000105"
    | "1048071000000103"
    | "1048001000000106"
    | "1047991000000102";
  /**
   * EMERGENCY CARE ATTENDANCE SOURCE (SNOMED CT), where the patient was referred or came from.
   */
  attendanceSource?: Sctid;
  /**
   * EMERGENCY CARE ARRIVAL DATE and TIME (ECDS v3), with a UTC offset. The event date of the record.
   */
  arrivalDateTime: DateTime;
  /**
   * EMERGENCY CARE INITIAL ASSESSMENT DATE and TIME; must not be earlier than the arrival.
   */
  initialAssessmentDateTime?: DateTime;
  /**
   * EMERGENCY CARE ACUITY (SNOMED CT), the acuity assessed at initial assessment.
   */
  acuity?: Sctid;
  /**
   * EMERGENCY CARE CHIEF COMPLAINT (SNOMED CT), the patient's main presenting complaint.
   */
  chiefComplaint?: Sctid;
  /**
   * DECIDED TO ADMIT DATE and TIME, when the patient is admitted; must fall between arrival and departure.
   */
  decidedToAdmitDateTime?: DateTime;
  /**
   * EMERGENCY CARE DEPARTURE DATE and TIME; must not be earlier than the arrival or the decision to admit.
   */
  departureDateTime?: DateTime;
  /**
   * EMERGENCY CARE DISCHARGE STATUS (SNOMED CT), e.g. 1066301000000103 left before initial assessment.
   */
  dischargeStatus?: Sctid;
  /**
   * EMERGENCY CARE DISCHARGE DESTINATION (SNOMED CT). Unlike the admitted-patient DISCHARGE DESTINATION code list, ECDS codes it in SNOMED CT.
   */
  dischargeDestination?: Sctid;
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
 * - `Z`: Not stated
 * - `99`: Not known
 *
 * Default ("not known") codes: `99`.
 */
export type EthnicCategory =
  "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "J" | "K" | "L" | "M" | "N" | "P" | "R" | "S" | "Z" | "99";

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
 * SNOMED CT identifier
 *
 * SNOMED CT identifier (SCTID) as a string of 6 to 18 digits with no leading zero; partition 00/01/02 (short format), 10/11/12 (long format, extension namespace) or 16, and a Verhoeff check digit. Never a JSON number: SCTIDs do not fit a 53-bit JavaScript number.
 *
 * Format: `sctid` (checked by the validator).
 */
export type Sctid = string;

/**
 * UK postcode
 *
 * POSTCODE (max an8): a UK postcode with at most one space between the outward and inward parts, following the BS7666 letter rules. When the postcode is not known the ZZ99 pseudo-postcodes are used, e.g. ZZ99 3VZ no fixed abode, ZZ99 3WZ not known, ZZ99 3CZ England/UK not otherwise stated, ZZ99 6CZ India (overseas country).
 *
 * Format: `uk-postcode` (checked by the validator).
 * Length: at most 8 characters.
 */
export type UkPostcode = string;
