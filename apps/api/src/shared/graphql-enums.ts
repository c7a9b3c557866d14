import { registerEnumType } from 'type-graphql';

/*
 * GraphQL enums whose internal values are the lowercase strings stored in the database and used by
 * packages/domain, so resolvers pass values through without mapping.
 */

export enum SeverityEnum {
  LOW = 'low',
  MEDIUM = 'medium',
  HIGH = 'high',
}
registerEnumType(SeverityEnum, { name: 'Severity' });

export enum ActorEnum {
  RESIDENT = 'resident',
  RELATIVE = 'relative',
  HOME_CARE_CONTACTS_LANDLORD = 'home_care_contacts_landlord',
  HOUSING_ADAPTATION = 'housing_adaptation',
  OCCUPATIONAL_THERAPIST = 'occupational_therapist',
  FIRE_SERVICE = 'fire_service',
  OTHER = 'other',
}
registerEnumType(ActorEnum, {
  name: 'Actor',
  description: 'Who carries out an action agreed with the client.',
  valuesConfig: {
    HOME_CARE_CONTACTS_LANDLORD: { description: 'Home care helps the resident contact the landlord (hyresvärd).' },
    HOUSING_ADAPTATION: { description: 'Housing adaptation grant (bostadsanpassning).' },
    OCCUPATIONAL_THERAPIST: { description: 'Occupational therapist, e.g. for aids such as a stove guard.' },
  },
});

export enum AnswerTypeEnum {
  YES_NO_NA = 'yes_no_na',
  YES_NO_DONT_KNOW = 'yes_no_dont_know',
  YES_NO = 'yes_no',
  SINGLE_CHOICE = 'single_choice',
  NUMBER = 'number',
  FREE_TEXT = 'free_text',
}
registerEnumType(AnswerTypeEnum, { name: 'AnswerType' });

export enum ReviewStatusEnum {
  OFFERED = 'offered',
  DECLINED = 'declined',
  IN_PROGRESS = 'in_progress',
  COMPLETED = 'completed',
}
registerEnumType(ReviewStatusEnum, { name: 'ReviewStatus' });

export enum TemplateVersionStatusEnum {
  DRAFT = 'draft',
  PUBLISHED = 'published',
}
registerEnumType(TemplateVersionStatusEnum, { name: 'TemplateVersionStatus' });

export enum HousingTypeEnum {
  RENTED_FLAT = 'rented_flat',
  OWNED_FLAT = 'owned_flat',
  HOUSE = 'house',
  OTHER = 'other',
}
registerEnumType(HousingTypeEnum, { name: 'HousingType' });

export enum ActionStatusEnum {
  OPEN = 'open',
  DONE = 'done',
  NOT_NEEDED = 'not_needed',
  DECLINED = 'declined',
}
registerEnumType(ActionStatusEnum, {
  name: 'ActionStatus',
  valuesConfig: { DECLINED: { description: 'The client declined the action (självbestämmande); recorded, not hidden.' } },
});

export enum ActionOutcomeEnum {
  DONE = 'done',
  NOT_NEEDED = 'not_needed',
  DECLINED = 'declined',
}
registerEnumType(ActionOutcomeEnum, { name: 'ActionOutcome' });
