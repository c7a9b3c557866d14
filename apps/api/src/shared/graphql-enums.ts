import { registerEnumType } from 'type-graphql';
import {
  ACTION_STATUSES,
  ACTORS,
  ANSWER_TYPES,
  HOUSING_TYPES,
  REVIEW_STATUSES,
  ROLES,
  SEVERITIES,
  TEMPLATE_VERSION_STATUSES,
  type ActionStatus,
  type Actor,
  type AnswerType,
  type HousingType,
  type ReviewStatus,
  type Role,
  type Severity,
  type TemplateVersionStatus,
} from '@hjulet/domain';

/*
 * The GraphQL enums, built from packages/domain's lists so a value is declared once. A GraphQL name is the
 * value upper-cased (`in_progress` → `IN_PROGRESS`); the internal value is the lowercase string stored in
 * the database and used by the domain, so resolvers pass values through without mapping. Each enum is
 * also a type: the domain's union of its values.
 */

type GraphQLEnum<T extends string> = { readonly [K in T as Uppercase<K>]: K };
type EnumOptions<T extends string> = Omit<Parameters<typeof registerEnumType<GraphQLEnum<T>>>[1], 'name'>;

export function graphqlEnum<const T extends string>(name: string, values: readonly T[], options: EnumOptions<T> = {}): GraphQLEnum<T> {
  const enumObject = Object.fromEntries(values.map((value) => [value.toUpperCase(), value])) as GraphQLEnum<T>;
  registerEnumType(enumObject, { name, ...options });
  return enumObject;
}

export const SeverityEnum = graphqlEnum('Severity', SEVERITIES);
export type SeverityEnum = Severity;

export const ActorEnum = graphqlEnum('Actor', ACTORS, {
  description: 'Who carries out an action agreed with the client.',
  valuesConfig: {
    HOME_CARE_CONTACTS_LANDLORD: { description: 'Home care helps the resident contact the landlord (hyresvärd).' },
    HOUSING_ADAPTATION: { description: 'Housing adaptation grant (bostadsanpassning).' },
    OCCUPATIONAL_THERAPIST: { description: 'Occupational therapist, e.g. for aids such as a stove guard.' },
  },
});
export type ActorEnum = Actor;

export const AnswerTypeEnum = graphqlEnum('AnswerType', ANSWER_TYPES);
export type AnswerTypeEnum = AnswerType;

export const ReviewStatusEnum = graphqlEnum('ReviewStatus', REVIEW_STATUSES);
export type ReviewStatusEnum = ReviewStatus;

export const TemplateVersionStatusEnum = graphqlEnum('TemplateVersionStatus', TEMPLATE_VERSION_STATUSES);
export type TemplateVersionStatusEnum = TemplateVersionStatus;

export const HousingTypeEnum = graphqlEnum('HousingType', HOUSING_TYPES);
export type HousingTypeEnum = HousingType;

export const ActionStatusEnum = graphqlEnum('ActionStatus', ACTION_STATUSES, {
  valuesConfig: { DECLINED: { description: 'The client declined the action (självbestämmande); recorded, not hidden.' } },
});
export type ActionStatusEnum = ActionStatus;

/** How an open action is closed: every status but `open`. */
export const ACTION_OUTCOMES = ACTION_STATUSES.filter((s): s is Exclude<ActionStatus, 'open'> => s !== 'open');
export const ActionOutcomeEnum = graphqlEnum('ActionOutcome', ACTION_OUTCOMES);
export type ActionOutcomeEnum = Exclude<ActionStatus, 'open'>;

export const RoleEnum = graphqlEnum('Role', ROLES, { description: 'What a user does, and so what they may see.' });
export type RoleEnum = Role;
