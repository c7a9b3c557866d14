import type { Role } from '../users/user.entity.js';
import type { PartnerScope } from '../partners/partner-principal.js';

/*
 * Who may call what, named once. Resolvers declare `@Authorized<Role>(...SET)` with these sets; the
 * authorization matrix test reads the same sets, so an operation's roles are written in one place.
 */

/** Run reviews in homes: offer, answer, finish, and agree and close actions on their unit's risks. */
export const REVIEWERS = ['staff', 'unit_manager'] as const satisfies readonly Role[];

/** Read reviews and follow-up actions (care data) in their scope. Admins run the system, not the care. */
export const CARE_READERS = ['staff', 'unit_manager', 'quality_coordinator'] as const satisfies readonly Role[];

/** Read care recipients in their scope; admins too, to move recipients between units. */
export const RECIPIENT_READERS = ['staff', 'unit_manager', 'quality_coordinator', 'admin'] as const satisfies readonly Role[];

/** Register and change care recipients. */
export const RECIPIENT_EDITORS = ['unit_manager', 'admin'] as const satisfies readonly Role[];

/** Lead a unit: assign follow-up actions to its staff. */
export const UNIT_MANAGERS = ['unit_manager'] as const satisfies readonly Role[];

/** See the users of their scope. */
export const USER_READERS = ['unit_manager', 'quality_coordinator', 'admin'] as const satisfies readonly Role[];

/** Author and publish checklist templates. */
export const TEMPLATE_AUTHORS = ['quality_coordinator', 'admin'] as const satisfies readonly Role[];

/**
 * Export a review as a de-identified FHIR QuestionnaireResponse: the quality coordinator, for their
 * administration. Admins run the system, not the care, so they read no reviews, de-identified or not.
 */
export const REVIEW_EXPORTERS = ['quality_coordinator'] as const satisfies readonly Role[];

/** Run the municipality's system: organisation, users, the audit log. */
export const ADMINS = ['admin'] as const satisfies readonly Role[];

/*
 * Partners (the fire service's systems) are not users and have no role: an operation open to them says so
 * with a partner grant, and the auth checker lets a partner token through only such operations. Every other
 * operation refuses a partner token (FORBIDDEN), whether or not its document got past the trusted-document
 * gate. `partner` is any partner; `partner:<scope>` a partner whose token holds that scope.
 */
export type PartnerGrant = 'partner' | `partner:${PartnerScope}`;

/** A user role or a partner grant: what `@Authorized<Grant>(...)` takes. */
export type Grant = Role | PartnerGrant;

/** Any partner token, whatever its scopes: `partnerSelf`. */
export const PARTNERS = ['partner'] as const satisfies readonly Grant[];

/** Partners whose token holds `scope`. */
export const partnerWith = (scope: PartnerScope): readonly Grant[] => [`partner:${scope}`];
/** Lead care quality work: unit managers for their unit, coordinators for their administration (work lists of people). */
export const SUPERVISORS = ['unit_manager', 'quality_coordinator'] as const satisfies readonly Role[];

/** Read indicators (aggregates, no people) for their scope; admins for the whole municipality. */
export const INDICATOR_READERS = ['unit_manager', 'quality_coordinator', 'admin'] as const satisfies readonly Role[];
/** Read the plan (goals, follow-ups, lessons) in their scope and work on their part of it: activities, a unit's follow-ups and actions. */
export const PLAN_READERS = ['unit_manager', 'quality_coordinator', 'admin'] as const satisfies readonly Role[];

/** Write the board's goals: the administration's quality coordinator, or an admin. */
export const PLANNERS = ['quality_coordinator', 'admin'] as const satisfies readonly Role[];

/** Record risk follow-up on the people of their unit: cause analyses and events. */
export const RISK_FOLLOWERS = ['staff', 'unit_manager'] as const satisfies readonly Role[];

/** Register feedback that came by phone or on paper, and read the cases of their scope. */
export const FEEDBACK_REGISTRARS = ['staff', 'unit_manager', 'quality_coordinator', 'admin'] as const satisfies readonly Role[];

/** Route a feedback case to the responsible unit. */
export const FEEDBACK_ROUTERS = ['quality_coordinator', 'admin'] as const satisfies readonly Role[];

/** Record the investigation and the answer of a feedback case: the unit's manager, a coordinator, an admin. */
export const FEEDBACK_ANSWERERS = ['unit_manager', 'quality_coordinator', 'admin'] as const satisfies readonly Role[];

/** Read the routines of their scope and confirm them as read and understood. */
export const ROUTINE_READERS = ['staff', 'unit_manager', 'quality_coordinator', 'admin'] as const satisfies readonly Role[];

/** Write routines (their unit's, or for coordinators and admins the municipality's) and see who has confirmed them. */
export const ROUTINE_MAINTAINERS = ['unit_manager', 'quality_coordinator', 'admin'] as const satisfies readonly Role[];

/** Lay out the register's processes and activities. */
export const ROUTINE_PLANNERS = ['quality_coordinator', 'admin'] as const satisfies readonly Role[];

/** Report a deviation (avvikelse), lex Sarah included: everyone who works with care. */
export const DEVIATION_REPORTERS = ['staff', 'unit_manager', 'quality_coordinator'] as const satisfies readonly Role[];

/** See deviations: staff their own reports, managers and coordinators their scope's; content by mayReadDeviationContent. */
export const DEVIATION_READERS = ['staff', 'unit_manager', 'quality_coordinator'] as const satisfies readonly Role[];

/** Investigate, act on and close deviations: in scope, and for lex Sarah reports only the designated receivers. */
export const DEVIATION_INVESTIGATORS = ['unit_manager', 'quality_coordinator'] as const satisfies readonly Role[];

/** Import user-survey results for the units they reach: a unit manager their unit's, a coordinator their administration's, an admin any. */
export const SURVEY_IMPORTERS = ['unit_manager', 'quality_coordinator', 'admin'] as const satisfies readonly Role[];

/** Read user-survey results (aggregates, small numbers hidden) for their scope, beside the indicators. */
export const SURVEY_READERS = ['unit_manager', 'quality_coordinator', 'admin'] as const satisfies readonly Role[];
/** See the self-check plans and results of their scope: staff their unit's, to perform them; admins the municipality's. */
export const SELF_CHECK_READERS = ['staff', 'unit_manager', 'quality_coordinator', 'admin'] as const satisfies readonly Role[];

/** Plan self-checks and act on their findings, in their scope (docs/self-checks.md). */
export const SELF_CHECK_PLANNERS = ['unit_manager', 'quality_coordinator', 'admin'] as const satisfies readonly Role[];

/** Perform a self-check of a unit they reach: those who work with care. */
export const SELF_CHECK_PERFORMERS = ['staff', 'unit_manager', 'quality_coordinator'] as const satisfies readonly Role[];
