import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { ActorEnum, AnswerTypeEnum, SeverityEnum, TemplateVersionStatusEnum } from '../shared/graphql-enums.js';

/*
 * The public shape of a template version: the domain's TemplateDefinition, typed field by field so
 * clients can generate types from the schema; `templateVersionView` builds it from the stored definition.
 */

@ObjectType({ description: 'A text in Swedish and English.' })
export class LocalizedText {
  @Field(() => String)
  sv: string;

  @Field(() => String)
  en: string;
}

@ObjectType()
export class KeyedLabel {
  @Field(() => String)
  key: string;

  @Field(() => LocalizedText)
  label: LocalizedText;
}

@ObjectType()
export class ChoiceOption {
  @Field(() => String)
  value: string;

  @Field(() => LocalizedText)
  label: LocalizedText;
}

@ObjectType({ description: 'A direct action suggested for a risk (förslag på direkt åtgärd).' })
export class SuggestedAction {
  @Field(() => String)
  key: string;

  @Field(() => LocalizedText)
  text: LocalizedText;

  @Field(() => ActorEnum)
  actor: ActorEnum;
}

@ObjectType({ description: 'Numbers from `from` to `to`, both included.' })
export class NumberRange {
  @Field(() => Float)
  from: number;

  @Field(() => Float)
  to: number;
}

@ObjectType({
  description:
    'Which answers of an item mean a risk. Exactly one test applies: `when` (non-empty), or one of the number tests `atLeast`, `atMost`, `between` (the others are null and `when` is empty).',
})
export class RiskRule {
  @Field(() => [String], { description: 'Answer values that mean a risk (numbers as decimal strings); empty when a number test applies.' })
  when: string[];

  @Field(() => Float, { nullable: true, description: 'A risk when the answer is a number at least this.' })
  atLeast?: number;

  @Field(() => Float, { nullable: true, description: 'A risk when the answer is a number at most this.' })
  atMost?: number;

  @Field(() => NumberRange, { nullable: true, description: 'A risk when the answer is a number in this range.' })
  between?: NumberRange;

  @Field(() => String)
  category: string;

  @Field(() => SeverityEnum)
  severity: SeverityEnum;

  @Field(() => Boolean)
  reportableToFireService: boolean;

  @Field(() => [SuggestedAction])
  suggestedActions: SuggestedAction[];
}

@ObjectType({ description: "The first format's condition: the item is shown only when an earlier item has one of these answers." })
export class ShowWhen {
  @Field(() => String)
  itemKey: string;

  @Field(() => [String])
  equals: string[];
}

@ObjectType({
  description:
    "A test of an earlier item's answer. Exactly one of `equals`, `notEquals`, `atLeast`, `atMost`, `between` is set. An unanswered or hidden item passes no test, `notEquals` included.",
})
export class AnswerCondition {
  @Field(() => String, { description: 'The earlier item whose answer is tested.' })
  itemKey: string;

  @Field(() => [String], { nullable: true, description: 'Answered with one of these values (numbers as decimal strings).' })
  equals?: string[];

  @Field(() => [String], { nullable: true, description: 'Answered, with none of these values (numbers as decimal strings).' })
  notEquals?: string[];

  @Field(() => Float, { nullable: true, description: 'Answered with a number at least this.' })
  atLeast?: number;

  @Field(() => Float, { nullable: true, description: 'Answered with a number at most this.' })
  atMost?: number;

  @Field(() => NumberRange, { nullable: true, description: 'Answered with a number in this range.' })
  between?: NumberRange;
}

@ObjectType()
export class TemplateItem {
  @Field(() => String, { description: 'Stable key; answers are stored by it.' })
  key: string;

  @Field(() => LocalizedText)
  text: LocalizedText;

  @Field(() => LocalizedText, { nullable: true })
  help?: LocalizedText;

  @Field(() => AnswerTypeEnum)
  answerType: AnswerTypeEnum;

  @Field(() => [ChoiceOption], { nullable: true })
  options?: ChoiceOption[];

  @Field(() => Float, { nullable: true })
  min?: number;

  @Field(() => Float, { nullable: true })
  max?: number;

  @Field(() => Boolean, { description: 'Number items: the answer must be a whole number. False for every other item.' })
  integer: boolean;

  @Field(() => Int, { nullable: true })
  maxLength?: number;

  @Field(() => Boolean)
  required: boolean;

  @Field(() => ShowWhen, {
    nullable: true,
    deprecationReason: 'Says only a single `equals` condition and is null for every other condition, so the item would look unconditional. Use `showWhenAll`.',
  })
  showWhen?: ShowWhen;

  @Field(() => [AnswerCondition], { description: 'The item is shown only while all of these hold; empty: always shown.' })
  showWhenAll: AnswerCondition[];

  @Field(() => RiskRule, { nullable: true })
  risk?: RiskRule;

  @Field(() => String, { nullable: true })
  qualityDimension?: string;
}

@ObjectType()
export class TemplateSection {
  @Field(() => String)
  key: string;

  @Field(() => LocalizedText)
  title: LocalizedText;

  @Field(() => [TemplateItem])
  items: TemplateItem[];
}

@ObjectType({ description: 'One version of a checklist template. Published versions never change.' })
export class TemplateVersion {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  templateKey: string;

  @Field(() => Int)
  version: number;

  @Field(() => TemplateVersionStatusEnum)
  status: TemplateVersionStatusEnum;

  @Field(() => LocalizedText)
  title: LocalizedText;

  @Field(() => LocalizedText, { nullable: true })
  description?: LocalizedText;

  @Field(() => [KeyedLabel])
  riskCategories: KeyedLabel[];

  @Field(() => [KeyedLabel])
  qualityDimensions: KeyedLabel[];

  @Field(() => [TemplateSection])
  sections: TemplateSection[];

  @Field(() => GraphQLJSONObject, { description: 'The whole definition as one document, as imported.' })
  definition: Record<string, unknown>;

  @Field(() => GraphQLDateTime)
  createdAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  publishedAt: Date | null;
}

@ObjectType({ description: 'A checklist template, e.g. "Checklista – säkerhet för personer med hjälpbehov".' })
export class ChecklistTemplate {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  key: string;

  @Field(() => LocalizedText)
  title: LocalizedText;

  @Field(() => ID, { nullable: true, description: 'The administration whose units get this template; null: every unit of the municipality.' })
  administrationId: string | null;

  @Field(() => [TemplateVersion], { description: 'Newest first.' })
  versions: TemplateVersion[];

  @Field(() => TemplateVersion, { nullable: true })
  latestPublished: TemplateVersion | null;
}
