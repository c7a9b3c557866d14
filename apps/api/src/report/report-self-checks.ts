import { Field, Int, ObjectType } from 'type-graphql';
import { plannedSelfChecks, type SelfCheckFrequency } from '@hjulet/domain';
import { LocalizedText } from '../templates/template.types.js';

/*
 * The self-check section of the kvalitetsberättelse (docs/self-checks.md), kept apart from the report's
 * other sections: one row per plan in scope, checks planned against checks done in the year, and what
 * was found and done about it.
 */

/** One plan's year, as report.repository.ts's selfCheckSummary reads it. */
export interface SelfCheckSummaryRow {
  unitName: string;
  templateTitleSv: string;
  templateTitleEn: string;
  processName: string | null;
  frequency: SelfCheckFrequency;
  firstDueOn: string;
  done: number;
  findings: number;
  findingsWithAction: number;
  actionsDone: number;
}

@ObjectType({ description: "A self-check plan's year: checks planned and done, findings, and what was done about them." })
export class ReportSelfCheckRow {
  @Field(() => String)
  unitName: string;

  @Field(() => LocalizedText)
  templateTitle: LocalizedText;

  @Field(() => String, { nullable: true })
  processName: string | null;

  @Field(() => Int, { description: "Checks the plan's frequency schedules in the year." })
  planned: number;

  @Field(() => Int, { description: 'Checks completed in the year.' })
  done: number;

  @Field(() => Int)
  findings: number;

  @Field(() => Int, { description: 'Findings that got at least one action.' })
  findingsWithAction: number;

  @Field(() => Int, { description: 'Actions on those findings that are done.' })
  actionsDone: number;
}

/** The section's rows for the half-open range of days [from, to). */
export const selfCheckSection = (rows: SelfCheckSummaryRow[], from: string, to: string): ReportSelfCheckRow[] =>
  rows.map((r) => ({
    unitName: r.unitName,
    templateTitle: { sv: r.templateTitleSv, en: r.templateTitleEn },
    processName: r.processName,
    planned: plannedSelfChecks(r, from, to),
    done: r.done,
    findings: r.findings,
    findingsWithAction: r.findingsWithAction,
    actionsDone: r.actionsDone,
  }));
