/*
 * TypeScript types of emergency-care-attendance 3.1.0: the record type EmergencyCareAttendance and the definitions it uses.
 * Standard: emergency-care-attendance
 * Version: 3.1.0
 * Content hash: sha256:35afbb0c2a89ef9d653612c5d74625afddc09e5ed0dc4b2781eff79737316c6c
 * Made by: conform types --standard emergency-care-attendance@3.1.0 --out <dir> (Conform code generation 5)
 * Generated file: do not edit it; generate it again instead.
 */

/**
 * Emergency care attendance 3.1.0 (ECDS v4 subset)
 *
 * One attendance at an emergency care department, as a flat (CSV-shaped) record: a Conform subset of the Emergency Care Data Set (ECDS) version 4, timed from URGENT AND EMERGENCY CARE ACTIVITY START DATE AND TIME. Items carry their ECDS v4 names. The provider is an ODS trust code (3 characters) and the department an ODS site code (5 to 9 characters, ORGANISATION SITE IDENTIFIER an5 to an9 in v4). Date-times carry a UK offset (Z, +00:00 or +01:00). Coded clinical items (arrival mode, attendance source, acuity, chief complaint, discharge status and destination) are SNOMED CT concept ids; membership of the ECDS reference set valid on the attendance date is checked only for arrival mode. The timestamps must be in order (activity start, initial assessment, decision to admit, departure), and the attendance must not start before the patient's date of birth. From 3.1.0, a date-time written with an offset the UK did not have at that moment (+01:00 while the UK was on GMT, or Z or ±00:00 while it was on BST) is a warning: it is not UK local time, or it is an hour out.
 *
 * Expected to be filled, though optional: `nhsNumber`, `dateOfBirth`, `postcode`, `personStatedGender`, `ethnicCategory`, `acuity`, `chiefComplaint`, `departureDateTime`, `dischargeStatus`, `dischargeDestination`.
 *
 * Cross-field rules (checked by the validator):
 * - `departure-not-before-arrival`: departureDateTime not before activityStartDateTime.
 * - `decision-to-admit-not-before-arrival`: decidedToAdmitDateTime not before activityStartDateTime.
 * - `departure-not-before-decision-to-admit`: departureDateTime not before decidedToAdmitDateTime.
 * - `assessment-not-before-arrival`: initialAssessmentDateTime not before activityStartDateTime.
 * - `attendance-not-before-birth`: activityStartDateTime not before dateOfBirth.
 * - `arrival-not-in-future`: activityStartDateTime not after the submission.
 * - `departure-not-in-future`: departureDateTime not after the submission.
 * - `birth-not-in-future`: dateOfBirth not after the submission.
 * - `arrival-in-period`: activityStartDateTime within the reporting period (warning).
 */
export interface EmergencyCareAttendance {
  /**
   * EMERGENCY CARE ATTENDANCE IDENTIFIER, the provider's identifier of this attendance; unique within the provider.
   *
   * Length: 1 to 20 characters.
   */
  attendanceId: string;
  /**
   * ORGANISATION IDENTIFIER (CODE OF PROVIDER): the ODS code of the organisation providing the emergency care, 3 characters (e.g. the NHS trust RH8). A site code is refused here.
   */
  providerOdsCode: OdsTrustCode;
  /**
   * ORGANISATION SITE IDENTIFIER (OF TREATMENT): the ODS site code of the emergency care department where the patient was treated, 5 to 9 characters (an5 to an9 in ECDS v4), e.g. RH802. A bare 3-character trust code is refused here.
   */
  siteOdsCode: OdsSiteCode;
  /**
   * NHS NUMBER of the patient. Optional, because recording it is not mandatory in emergency care (unidentified or unconscious patients).
   */
  nhsNumber?: NhsNumber;
  /**
   * PERSON BIRTH DATE of the patient, when known; the activity must not start before it.
   */
  dateOfBirth?: DateString;
  /**
   * POSTCODE OF USUAL ADDRESS of the patient; a ZZ99 pseudo-postcode when there is no fixed abode or it is not known. Default codes (the postcode is not known; any case, with or without the space): ZZ99 3WZ not known, and ZZ99 3CZ, ZZ99 3GZ, ZZ99 1WZ, ZZ99 2WZ England (or UK), Wales, Scotland, Northern Ireland, not otherwise stated. Answers, not defaults: ZZ99 3VZ no fixed abode, and the other ZZ99 codes, each an overseas country of residence (e.g. ZZ99 6CZ India).
   *
   * Default ("not known") codes: `ZZ99 3WZ`, `ZZ99 3CZ`, `ZZ99 3GZ`, `ZZ99 1WZ`, `ZZ99 2WZ`.
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
   * URGENT AND EMERGENCY CARE ATTENDANCE CATEGORY (an1; EMERGENCY CARE ATTENDANCE CATEGORY in ECDS v3). The dead-on-arrival code seen in some analyst code is not part of this subset.
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
  attendanceSource?: SctidConcept;
  /**
   * URGENT AND EMERGENCY CARE ACTIVITY START DATE AND TIME (ECDS v4), with a UK offset (Z, +00:00 or +01:00); replaces the v3 EMERGENCY CARE ARRIVAL DATE and TIME. The event date of the record; not earlier than the date of birth.
   */
  activityStartDateTime: UkDateTime;
  /**
   * EMERGENCY CARE INITIAL ASSESSMENT DATE and TIME; must not be earlier than the activity start.
   */
  initialAssessmentDateTime?: UkDateTime;
  /**
   * EMERGENCY CARE ACUITY (SNOMED CT), the acuity assessed at initial assessment.
   */
  acuity?: SctidConcept;
  /**
   * EMERGENCY CARE CHIEF COMPLAINT (SNOMED CT), the patient's main presenting complaint.
   */
  chiefComplaint?: SctidConcept;
  /**
   * DECIDED TO ADMIT DATE and TIME, when the patient is admitted; must fall between activity start and departure.
   */
  decidedToAdmitDateTime?: UkDateTime;
  /**
   * EMERGENCY CARE DEPARTURE DATE and TIME; must not be earlier than the activity start or the decision to admit.
   */
  departureDateTime?: UkDateTime;
  /**
   * EMERGENCY CARE DISCHARGE STATUS (SNOMED CT), e.g. 1066301000000103 left before initial assessment.
   */
  dischargeStatus?: SctidConcept;
  /**
   * EMERGENCY CARE DISCHARGE DESTINATION (SNOMED CT). Unlike the admitted-patient DISCHARGE DESTINATION code list, ECDS codes it in SNOMED CT.
   */
  dischargeDestination?: SctidConcept;
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
 * ODS site code
 *
 * ORGANISATION SITE IDENTIFIER: the Organisation Data Service code of a site, 5 to 9 upper-case letters and digits (an5 to an9, as in ECDS v4), e.g. RH802 = trust RH8, site 02. A bare 3-character trust code is refused where a site is needed.
 *
 * Format: `ods-site` (checked by the validator).
 */
export type OdsSiteCode = string;

/**
 * ODS trust code
 *
 * Organisation Data Service code of an NHS trust or another organisation with a 3-character code (e.g. an independent-sector provider): 3 upper-case letters and digits, e.g. RH8. A site code (RH802) is refused where the organisation is needed.
 *
 * Format: `ods-trust` (checked by the validator).
 */
export type OdsTrustCode = string;

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

/**
 * UK postcode
 *
 * POSTCODE (max an8): a UK postcode with at most one space between the outward and inward parts, following the BS7666 letter rules. When the postcode is not known the ZZ99 pseudo-postcodes are used, e.g. ZZ99 3VZ no fixed abode, ZZ99 3WZ not known, ZZ99 3CZ England/UK not otherwise stated, ZZ99 6CZ India (overseas country).
 *
 * Format: `uk-postcode` (checked by the validator).
 * Length: at most 8 characters.
 */
export type UkPostcode = string;
