/*
 * TypeScript types of adult-social-care-client-level 1.1.0: the record type AdultSocialCareClientLevel and the definitions it uses.
 * Standard: adult-social-care-client-level
 * Version: 1.1.0
 * Content hash: sha256:7ddcf1316c50d791f0eb280d36bc499c82f242708095521a980c65d93fe3461f
 * Made by: conform types --standard adult-social-care-client-level@1.1.0 --out <dir> (Conform code generation 5)
 * Generated file: do not edit it; generate it again instead.
 */

/**
 * Adult social care client level event 1.1.0
 *
 * One row of an Adult Social Care Client Level Data (CLD) submission: the submission details, the person, and one event (request, assessment, service or review) for that person. Flat and CSV-shaped, one column per Release 1 field, named in camelCase (LA_Code -> laCode). Rows for a carer known by association carry no event; every other row must carry its event type and start date. Conditional rules from the CLD Release 1 mandatory rules: primary support reason is mandatory unless the event is a request; the event end date is mandatory unless the event is a service, and for any event of a person who has died; the service type is mandatory for a service. Only service events may be open (no end date). 1.1.0 adds, as optional fields, the event reference and the module items of requests (route of access), assessments (type), reviews (reason, method) and services (component, provider CQC location).
 *
 * Expected to be filled, though optional: `gpPracticeCode`, `eventOutcome`, `deliveryMechanism`, `eventReference`.
 *
 * Cross-field rules (checked by the validator):
 * - `end-not-before-start`: eventEndDate not before eventStartDate.
 * - `reporting-period-end-not-before-start`: reportingPeriodEndDate not before reportingPeriodStartDate.
 * - `death-not-before-birth`: dateOfDeath not before dateOfBirth.
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
   * GP_Practice_Code of the practice the person is registered with (V81999 not known, G9999981 no registered practice).
   */
  gpPracticeCode?: GpPracticeCode;
  /**
   * Gender of the person, as a value of the CLD specification list (its values are not modelled in this subset).
   *
   * Length: 1 to 50 characters.
   */
  gender: string;
  /**
   * Ethnicity of the person, as a value of the CLD specification list (its values are not modelled in this subset).
   *
   * Length: 1 to 100 characters.
   */
  ethnicity: string;
  /**
   * Date_of_Birth of the person.
   */
  dateOfBirth: DateString;
  /**
   * Date_of_Death, when the person has died; not before the date of birth. When present, the event must have an end date.
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
   * Postcode of the person's usual address; a ZZ99 pseudo-postcode when there is no fixed abode or it is not known.
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
   * Event_Start_Date, when the request, assessment, service or review started. The event date of the record.
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
   * Event_Outcome, as a value of the CLD specification list, e.g. "Progress to Assessment", "Progress to Reablement/ST-Max", "Admitted to hospital", "NFA - Deceased", "NFA - Support declined". Free text here, because the full list is not modelled in this subset.
   *
   * Length: 1 to 100 characters.
   */
  eventOutcome?: string;
  /**
   * Service_Type of a service event; mandatory when the event is a service.
   *
   * @remarks Required when eventType is Service.
   */
  serviceType?:
    | "Long Term Support: Nursing Care"
    | "Long Term Support: Residential Care"
    | "Long Term Support: Community"
    | "Long Term Support: Prison"
    | "Short Term Support: ST-Max"
    | "Short Term Support: Ongoing Low Level"
    | "Short Term Support: Other Short Term"
    | "Carer Support";
  /**
   * Delivery_Mechanism of a service event (how the service is funded and arranged).
   */
  deliveryMechanism?: "Direct Payment" | "CASSR Managed Personal Budget" | "CASSR Commissioned Support";
  /**
   * Request_Route_of_Access of a request event, as a value of the CLD specification list (not modelled in this subset). Optional; added in 1.1.0.
   *
   * Length: 1 to 100 characters.
   */
  requestRouteOfAccess?: string;
  /**
   * Assessment_Type of an assessment event, as a value of the CLD specification list (not modelled in this subset). Optional; added in 1.1.0.
   *
   * Length: 1 to 100 characters.
   */
  assessmentType?: string;
  /**
   * Review_Reason of a review event (e.g. Planned), as a value of the CLD specification list (not modelled in this subset). Optional; added in 1.1.0.
   *
   * Length: 1 to 100 characters.
   */
  reviewReason?: string;
  /**
   * Method_of_Review of a review event, i.e. who took part. Optional; added in 1.1.0.
   */
  methodOfReview?: "Carer only" | "Service user only" | "Service user and carer";
  /**
   * Service_Component of a service event, as a value of the CLD specification list (not modelled in this subset). Optional; added in 1.1.0.
   *
   * Length: 1 to 100 characters.
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
 * ODS code of the general practice the person is registered with: one letter and five digits. Default codes: V81999 practice code not known, V81998 not applicable (e.g. prison or Ministry of Defence), G9999981 no registered GP practice.
 *
 * Default ("not known") codes: `V81999`, `V81998`, `G9999981`.
 * Pattern: `^([A-Z][0-9]{5}|G9999981)$`.
 */
export type GpPracticeCode = string;

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
