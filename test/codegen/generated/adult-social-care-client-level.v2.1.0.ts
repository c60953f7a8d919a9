/*
 * TypeScript types of adult-social-care-client-level 2.1.0: the record type AdultSocialCareClientLevel and the definitions it uses.
 * Standard: adult-social-care-client-level
 * Version: 2.1.0
 * Content hash: sha256:d5993297b6c4e07ff3ef5197f9ddc88f8d79c869b60a01a1bfc269d166d98d73
 * Made by: conform types --standard adult-social-care-client-level@2.1.0 --out <dir> (Conform code generation 5)
 * Generated file: do not edit it; generate it again instead.
 */

/**
 * Adult social care client level event 2.1.0 (CLD Release 2)
 *
 * One row of an Adult Social Care Client Level Data (CLD) submission under the Release 2 specification: the submission details, the person, and one event (request, assessment, service or review) for that person. Flat and CSV-shaped, one column per CLD field, named in camelCase (LA_Code -> laCode); Release 2 keeps the Release 1 field names. Value lists follow Release 2 where Conform has them (service type, event outcome, ethnicity); the other lists are as in Release 1. Rows for a carer known by association carry no event; every other row must carry its event type and start date. Conditional rules from the CLD mandatory rules: primary support reason is mandatory unless the event is a request; the event end date is mandatory unless the event is a service, and for any event of a person who has died; each event type needs its own module item (route of access for a request, assessment type for an assessment, service type and component for a service, review reason and method for a review). Only service events may be open (no end date). Dates must be in order: birth, then event start, then death. From 2.1.0 an event that ended before the row's reporting period started is a warning: it is not an event of the submission's 12 months.
 *
 * Expected to be filled, though optional: `gpPracticeCode`, `eventOutcome`, `deliveryMechanism`, `eventReference`.
 *
 * Cross-field rules (checked by the validator):
 * - `event-not-before-birth`: eventStartDate not before dateOfBirth.
 * - `death-not-before-event-start`: dateOfDeath not before eventStartDate.
 * - `end-not-before-start`: eventEndDate not before eventStartDate.
 * - `reporting-period-end-not-before-start`: reportingPeriodEndDate not before reportingPeriodStartDate.
 * - `death-not-before-birth`: dateOfDeath not before dateOfBirth.
 * - `birth-not-in-future`: dateOfBirth not after the submission.
 * - `event-start-not-in-future`: eventStartDate not after the submission.
 * - `death-not-in-future`: dateOfDeath not after the submission.
 * - `event-start-not-after-reporting-period`: eventStartDate not after reportingPeriodEndDate.
 * - `event-end-not-before-reporting-period`: eventEndDate not before reportingPeriodStartDate (warning).
 * - `reporting-period-end-in-submission-period`: reportingPeriodEndDate within the reporting period (warning).
 *
 * Conditional rules (if/then/else) are not expressed in this type; the validator checks them.
 */
export interface AdultSocialCareClientLevel {
  /**
   * LA_Code, the code of the submitting local authority (council with adult social services responsibilities).
   *
   * Length: 3 to 9 characters.
   */
  laCode: string;
  /**
   * Reporting_Period_Start_Date, first day of the rolling 12-month period the submission covers.
   */
  reportingPeriodStartDate: DateString;
  /**
   * Reporting_Period_End_Date, last day of the reporting period (a quarter end); not before its start.
   */
  reportingPeriodEndDate: DateString;
  /**
   * NHS_Number of the person, Modulus 11 checked; used (pseudonymised) to link with NHS data.
   */
  nhsNumber: NhsNumber;
  /**
   * LA_Person_Unique_Identifier, the local authority's own identifier of the person.
   *
   * Length: 1 to 50 characters.
   */
  laPersonUniqueIdentifier: string;
  /**
   * GP_Practice_Code of the practice the person is registered with, a letter and five digits (V81997 no registered practice, V81998 not applicable, V81999 not known). G9999981 is a GP practitioner code, not a practice code, and is refused.
   */
  gpPracticeCode?: GpPractice;
  /**
   * Gender of the person, as a value of the CLD specification list (its values are not modelled in this subset).
   *
   * Length: 1 to 50 characters.
   */
  gender: string;
  /**
   * Ethnicity of the person, as a value of the CLD Release 2 list: the group and the item joined by a colon, e.g. "White: Irish".
   *
   * Default ("not known") codes: `No data: Undeclared or not known`.
   */
  ethnicity:
    | "White: English, Welsh, Scottish, Northern Irish or British"
    | "White: Irish"
    | "White: Gypsy or Irish Traveller"
    | "White: Roma"
    | "White: Any other White background"
    | "Mixed or multiple ethnic groups: White and Black Caribbean"
    | "Mixed or multiple ethnic groups: White and Black African"
    | "Mixed or multiple ethnic groups: White and Asian"
    | "Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background"
    | "Asian or Asian British: Indian"
    | "Asian or Asian British: Pakistani"
    | "Asian or Asian British: Bangladeshi"
    | "Asian or Asian British: Chinese"
    | "Asian or Asian British: Any other Asian background"
    | "Black, Black British, Caribbean or African: Caribbean"
    | "Black, Black British, Caribbean or African: African"
    | "Black, Black British, Caribbean or African: Any other Black, Black British or Caribbean background"
    | "Other ethnic group: Arab"
    | "Other ethnic group: Any other ethnic group"
    | "No data: Refused"
    | "No data: Undeclared or not known";
  /**
   * Date_of_Birth of the person; no event starts before it.
   */
  dateOfBirth: DateString;
  /**
   * Date_of_Death, when the person has died; not before the date of birth nor the event start date. When present, the event must have an end date.
   */
  dateOfDeath?: DateString;
  /**
   * Client_Type, the person's role in this row.
   */
  clientType: "Service User" | "Carer" | "Carer known by association";
  /**
   * Primary_Support_Reason of the person; mandatory unless the event is a request.
   *
   * Default ("not known") codes: `Unknown`.
   *
   * @remarks Required when eventType is Assessment, Service or Review.
   */
  primarySupportReason?:
    | "Physical Support: Access & mobility only"
    | "Physical Support: Personal care support"
    | "Sensory Support: Support for visual impairment"
    | "Sensory Support: Support for hearing impairment"
    | "Sensory Support: Support for dual impairment"
    | "Support with Memory & Cognition"
    | "Learning Disability Support"
    | "Mental Health Support"
    | "Social Support: Substance misuse support"
    | "Social Support: Asylum seeker support"
    | "Social Support: Support for Social Isolation/Other"
    | "Social Support: Support to Carer"
    | "Unknown";
  /**
   * Postcode of the person's usual address; a ZZ99 pseudo-postcode when there is no fixed abode or it is not known. Default codes (the postcode is not known; any case, with or without the space): ZZ99 3WZ not known, and ZZ99 3CZ, ZZ99 3GZ, ZZ99 1WZ, ZZ99 2WZ England (or UK), Wales, Scotland, Northern Ireland, not otherwise stated. Answers, not defaults: ZZ99 3VZ no fixed abode, and the other ZZ99 codes, each an overseas country of residence (e.g. ZZ99 6CZ India).
   *
   * Default ("not known") codes: `ZZ99 3WZ`, `ZZ99 3CZ`, `ZZ99 3GZ`, `ZZ99 1WZ`, `ZZ99 2WZ`.
   */
  postcode: UkPostcode;
  /**
   * Accommodation_Status of the person, as a value of the CLD specification list (not modelled in this subset).
   *
   * Length: 1 to 100 characters.
   */
  accommodationStatus: string;
  /**
   * Has_Unpaid_Carer, whether the person has an unpaid carer, as a value of the CLD specification list (not modelled in this subset).
   *
   * Length: 1 to 20 characters.
   */
  hasUnpaidCarer: string;
  /**
   * Event_Type, the kind of event this row records; mandatory unless the person is a carer known by association.
   *
   * @remarks Required unless clientType is Carer known by association.
   */
  eventType?: "Request" | "Assessment" | "Service" | "Review";
  /**
   * Event_Reference, the local authority's own reference for the event. Optional; added in 1.1.0.
   *
   * Length: 1 to 50 characters.
   */
  eventReference?: string;
  /**
   * Event_Start_Date, when the request, assessment, service or review started; not before the date of birth. The event date of the record.
   *
   * @remarks Required unless clientType is Carer known by association.
   */
  eventStartDate?: DateString;
  /**
   * Event_End_Date; not before the start date. Mandatory unless the event is a service (a service may be open), and for any event of a person who has died.
   *
   * @remarks Required when eventType is Request, Assessment or Review; or when eventType and dateOfDeath are given.
   */
  eventEndDate?: DateString;
  /**
   * Event_Outcome, as a value of the CLD Release 2 list (NFA = no further action).
   */
  eventOutcome?:
    | "Progress to assessment, review or reassessment"
    | "Progress to reablement/ST-Max"
    | "Progress to support planning or services"
    | "Continuation of support or services"
    | "Admitted to hospital"
    | "NFA: Deceased"
    | "NFA: Information and advice or signposting"
    | "NFA: No services offered for other reason"
    | "NFA: Other"
    | "NFA: Referral to NHS services or NHS funded social care"
    | "NFA: Referral to other service within the local authority"
    | "NFA: Responsibility moved to another local authority"
    | "NFA: Self-funded client or under 12wk disregard"
    | "NFA: Support declined"
    | "NFA: Support ended as planned"
    | "NFA: Support ended for other reason";
  /**
   * Service_Type of a service event, as a value of the CLD Release 2 list; mandatory when the event is a service. Release 2 names carer services "Unpaid carer support: Direct to unpaid carer" and "Unpaid carer support: Support involving the person cared-for" (Release 1: "Carer Support: Direct to Carer" and "Carer Support: Support involving the person cared-for").
   *
   * @remarks Required when eventType is Service.
   */
  serviceType?:
    | "Long term support: Nursing care"
    | "Long term support: Residential care"
    | "Long term support: Community"
    | "Long term support: Prison"
    | "Short term support: ST-Max"
    | "Short term support: Ongoing low level"
    | "Short term support: Other short term"
    | "Unpaid carer support: Direct to unpaid carer"
    | "Unpaid carer support: Support involving the person cared-for";
  /**
   * Delivery_Mechanism of a service event (how the service is funded and arranged).
   */
  deliveryMechanism?: "Direct Payment" | "CASSR Managed Personal Budget" | "CASSR Commissioned Support";
  /**
   * Request_Route_of_Access of a request event, as a value of the CLD specification list (not modelled in this subset); mandatory for a request.
   *
   * Length: 1 to 100 characters.
   *
   * @remarks Required when eventType is Request.
   */
  requestRouteOfAccess?: string;
  /**
   * Assessment_Type of an assessment event, as a value of the CLD specification list (not modelled in this subset); mandatory for an assessment.
   *
   * Length: 1 to 100 characters.
   *
   * @remarks Required when eventType is Assessment.
   */
  assessmentType?: string;
  /**
   * Review_Reason of a review event (e.g. Planned), as a value of the CLD specification list (not modelled in this subset); mandatory for a review.
   *
   * Length: 1 to 100 characters.
   *
   * @remarks Required when eventType is Review.
   */
  reviewReason?: string;
  /**
   * Method_of_Review of a review event, i.e. who took part; mandatory for a review.
   *
   * @remarks Required when eventType is Review.
   */
  methodOfReview?: "Carer only" | "Service user only" | "Service user and carer";
  /**
   * Service_Component of a service event, as a value of the CLD specification list (not modelled in this subset); mandatory for a service.
   *
   * Length: 1 to 100 characters.
   *
   * @remarks Required when eventType is Service.
   */
  serviceComponent?: string;
  /**
   * Provider_CQC_Location_ID, the Care Quality Commission location identifier of the service provider (e.g. 1-123456789). Optional; added in 1.1.0.
   *
   * Length: 1 to 20 characters.
   */
  providerCqcLocationId?: string;
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
 * UK postcode
 *
 * POSTCODE (max an8): a UK postcode with at most one space between the outward and inward parts, following the BS7666 letter rules. When the postcode is not known the ZZ99 pseudo-postcodes are used, e.g. ZZ99 3VZ no fixed abode, ZZ99 3WZ not known, ZZ99 3CZ England/UK not otherwise stated, ZZ99 6CZ India (overseas country).
 *
 * Format: `uk-postcode` (checked by the validator).
 * Length: at most 8 characters.
 */
export type UkPostcode = string;
