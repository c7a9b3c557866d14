/**
 * The closed lists of the domain, declared once. The API builds its GraphQL enums from these arrays and the
 * phone reads the same values, so a status or answer type is spelt the same everywhere it is stored or sent.
 * Each type is derived from its array, so adding a value here is the only change a new value needs.
 */

/** How an item is answered; see `TemplateItem` for what each type accepts. */
export const ANSWER_TYPES = ['yes_no_na', 'yes_no_dont_know', 'yes_no', 'single_choice', 'number', 'free_text'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Who carries out an action agreed with the client (DOMAIN.md section 3, FollowUpAction). */
export const ACTORS = ['resident', 'relative', 'home_care_contacts_landlord', 'housing_adaptation', 'occupational_therapist', 'fire_service', 'other'] as const;
export type Actor = (typeof ACTORS)[number];

/** offered → declined | in_progress → completed. */
export const REVIEW_STATUSES = ['offered', 'declined', 'in_progress', 'completed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** open → done | not_needed | declined (the client's self-determination is recorded, not hidden). */
export const ACTION_STATUSES = ['open', 'done', 'not_needed', 'declined'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const HOUSING_TYPES = ['rented_flat', 'owned_flat', 'house', 'other'] as const;
export type HousingType = (typeof HOUSING_TYPES)[number];

/** A published version never changes; only a draft may be replaced. */
export const TEMPLATE_VERSION_STATUSES = ['draft', 'published'] as const;
export type TemplateVersionStatus = (typeof TEMPLATE_VERSION_STATUSES)[number];

export const ROLES = ['staff', 'unit_manager', 'quality_coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The indicators computed from reviews (docs/indicators.md); the API's SQL function `indicator_values` returns these keys. */
export const INDICATOR_KINDS = [
  'coverage',
  'acceptance',
  'risk_prevalence',
  'risks_with_action',
  'action_closure',
  'median_days_to_close',
  'risks_resolved_by_next_review',
] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** How indicator rows can be split besides the period. */
export const INDICATOR_GROUPINGS = ['unit', 'area', 'housing_type'] as const;
export type IndicatorGrouping = (typeof INDICATOR_GROUPINGS)[number];

/** The length of one period of a series. */
export const PERIOD_GRAINS = ['month', 'quarter', 'year'] as const;
export type PeriodGrain = (typeof PERIOD_GRAINS)[number];

/** What the fire service did about a referral (issue 10 §3): the outcomes a partner acknowledges with. */
export const REFERRAL_OUTCOMES = ['contacted_landlord', 'home_visit_booked', 'no_action'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];
