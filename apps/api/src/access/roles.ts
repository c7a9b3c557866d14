import type { Role } from '../users/user.entity.js';

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

/** Run the municipality's system: organisation, users, the audit log. */
export const ADMINS = ['admin'] as const satisfies readonly Role[];

/** Read the plan (goals, follow-ups, lessons) in their scope and work on their part of it: activities, a unit's follow-ups and actions. */
export const PLAN_READERS = ['unit_manager', 'quality_coordinator', 'admin'] as const satisfies readonly Role[];

/** Write the board's goals: the administration's quality coordinator, or an admin. */
export const PLANNERS = ['quality_coordinator', 'admin'] as const satisfies readonly Role[];

/** Record risk follow-up on the people of their unit: cause analyses and events. */
export const RISK_FOLLOWERS = ['staff', 'unit_manager'] as const satisfies readonly Role[];
