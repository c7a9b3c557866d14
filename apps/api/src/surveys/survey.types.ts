import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { USER_SURVEY_SOURCES, type UserSurveySource } from '@hjulet/domain';
import { graphqlEnum } from '../shared/graphql-enums.js';

export const UserSurveySourceEnum = graphqlEnum('UserSurveySource', USER_SURVEY_SOURCES, {
  description: 'Whose survey it is.',
  valuesConfig: {
    NATIONAL: { description: 'Socialstyrelsen\'s national survey of elderly care, "Vad tycker de äldre om äldreomsorgen?".' },
    OWN: { description: "The municipality's own survey." },
  },
});
export type UserSurveySourceEnum = UserSurveySource;

@InputType({ description: 'A survey file to import: which survey, and its results per unit and question as CSV (docs/user-surveys.md).' })
export class UserSurveyImportInput {
  @Field(() => UserSurveySourceEnum)
  source: UserSurveySource;

  @Field(() => String, { description: 'The survey\'s name, e.g. "Vad tycker de äldre om äldreomsorgen?". With source and year it names the survey.' })
  name: string;

  @Field(() => Int)
  year: number;

  @Field(() => String, {
    description: 'The file: a header row (enhet;fråga;andel positiva;antal svar) and a row per unit and question. At most 500,000 characters.',
  })
  csv: string;
}

@ObjectType('UserSurveyProblem', { description: "A problem with an import: a row's column (rows[12].unit), the header, or the file." })
export class UserSurveyProblemView {
  @Field(() => String)
  field: string;

  @Field(() => String, { description: 'REQUIRED, TOO_LONG, INVALID, OUT_OF_RANGE, DUPLICATE, UNKNOWN_UNIT, OUT_OF_SCOPE or TOO_MANY_ROWS.' })
  code: string;

  @Field(() => String)
  message: string;

  @Field(() => Int, { nullable: true, description: 'The row of the file as a spreadsheet shows it (the header is 1); null for the whole file.' })
  row: number | null;
}

@ObjectType('UserSurveyPreviewRow', { description: 'A row of a previewed file, on the unit it names.' })
export class UserSurveyPreviewRowView {
  @Field(() => Int)
  row: number;

  @Field(() => ID)
  unitId: string;

  @Field(() => String)
  unitName: string;

  @Field(() => String)
  question: string;

  @Field(() => Float, { nullable: true, description: 'Share of positive answers, 0–100; null where the file gives none.' })
  sharePositive: number | null;

  @Field(() => Int)
  respondents: number;

  @Field(() => Boolean, { description: 'Too few answered: readers will see the result as hidden.' })
  suppressed: boolean;
}

@ObjectType('UserSurveyPreview', { description: 'A dry run of an import: what would be stored, and every problem. Nothing is written.' })
export class UserSurveyPreviewView {
  @Field(() => [UserSurveyPreviewRowView])
  rows: UserSurveyPreviewRowView[];

  @Field(() => [UserSurveyProblemView])
  problems: UserSurveyProblemView[];
}

@ObjectType('UserSurveyImport')
export class UserSurveyImportView {
  @Field(() => ID)
  surveyId: string;

  @Field(() => Int)
  inserted: number;

  @Field(() => Int, { description: "Results of the survey's units and questions that were there and were replaced." })
  replaced: number;
}

@ObjectType('UserSurveyPreviousResult', { description: "The same survey's result a year earlier." })
export class UserSurveyPreviousResultView {
  @Field(() => Float, { nullable: true })
  sharePositive: number | null;

  @Field(() => Int, { nullable: true })
  respondents: number | null;

  @Field(() => Boolean)
  suppressed: boolean;
}

@ObjectType('UserSurveyResult', {
  description: "A unit's result for one question: the share of positive answers, hidden (suppressed) where fewer than 5 answered, as the national survey does.",
})
export class UserSurveyResultView {
  @Field(() => ID)
  surveyId: string;

  @Field(() => UserSurveySourceEnum)
  source: UserSurveySource;

  @Field(() => String)
  surveyName: string;

  @Field(() => Int)
  year: number;

  @Field(() => ID)
  unitId: string;

  @Field(() => String)
  unitName: string;

  @Field(() => String)
  question: string;

  @Field(() => Float, { nullable: true, description: 'Share of positive answers, 0–100; null when suppressed.' })
  sharePositive: number | null;

  @Field(() => Int, { nullable: true, description: 'How many answered; null when suppressed.' })
  respondents: number | null;

  @Field(() => Boolean)
  suppressed: boolean;

  @Field(() => UserSurveyPreviousResultView, { nullable: true, description: 'The year before, where the same survey had the unit and question.' })
  previous: UserSurveyPreviousResultView | null;
}

@ObjectType('GoalSurveyEvidence', { description: "A survey question a goal cites as evidence; its results are the goal's units' in your scope." })
export class GoalSurveyEvidenceView {
  @Field(() => ID)
  goalId: string;

  @Field(() => ID)
  surveyId: string;

  @Field(() => UserSurveySourceEnum)
  source: UserSurveySource;

  @Field(() => String)
  surveyName: string;

  @Field(() => Int)
  year: number;

  @Field(() => String)
  question: string;
}
