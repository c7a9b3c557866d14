import {
  DEFAULT_THRESHOLD,
  periodsOfYear,
  publishedMedian,
  publishQualityRecordStatistics,
  publishSingleCount,
  suppressSmallCells,
  LEX_SARAH_CATEGORY,
  QUALITY_RECORD_SHAPES,
  QUALITY_RECORD_SOURCES,
  type PublishedCount,
  type QualityRecordPublication,
  type QualityRecordSource,
} from '@hjulet/domain';
import type { AuditService } from '../audit/audit.service.js';
import type { OrganisationService } from '../organisation/organisation.service.js';
import { badInput } from '../shared/app-error.js';
import type { Caller } from '../shared/context.js';
import { medianKey, type QualityRecordRepository } from './quality-record.repository.js';
import type { StatisticsGranularity } from './quality-record.types.js';

export interface QualityRecordRow {
  period: string;
  category: string | null;
  unitId: string | null;
  received: PublishedCount;
  investigated: PublishedCount;
  closed: PublishedCount;
  closedInTime: PublishedCount;
  withActions: PublishedCount | null;
  medianDaysToClose: number | null;
}

export type RecordSummaryRow = Omit<QualityRecordRow, 'period' | 'unitId'>;

export interface RecordSummaries {
  deviationSummary: {
    byCategory: RecordSummaryRow[];
    total: RecordSummaryRow;
    lexSarahReports: PublishedCount;
    ivoNotifications: PublishedCount;
    causes: Array<{ cause: string; count: PublishedCount }>;
    actionsDecided: PublishedCount;
    actionsDone: PublishedCount;
  };
  feedbackSummary: { byKind: RecordSummaryRow[]; total: RecordSummaryRow };
}

export interface SourceStatistics {
  source: QualityRecordSource;
  categories: string[];
  rows: QualityRecordRow[];
}

export interface QualityRecordStatistics {
  year: number;
  granularity: StatisticsGranularity;
  threshold: number;
  units: Array<{ id: string; name: string }>;
  sources: SourceStatistics[];
}

/** A year's publication of one source for a set of units, with the medians to show beside it. */
export interface SourcePublication {
  publication: QualityRecordPublication;
  medianOf(period: string, category: string | null, unit: string | null): number | null;
}

const FIRST_YEAR = 2000;

/**
 * Deviations and complaints compiled for the caller's scope (a unit manager: their unit; a coordinator: their
 * administration's units; an admin: the municipality's), or one unit of it. Every number is read off one
 * suppressed publication per source and year (packages/domain), which the quality report reads too.
 */
export class QualityRecordService {
  constructor(
    private readonly repo: QualityRecordRepository,
    private readonly organisation: OrganisationService,
    private readonly audit: AuditService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async statistics(caller: Caller, year: number, unitId: string | undefined, granularity: StatisticsGranularity): Promise<QualityRecordStatistics> {
    const units = await this.scope(caller, year, unitId);
    const ids = units.map((u) => u.id);
    const periods = periodsOfYear(year).nodes.filter((p) => (granularity === 'month' ? /-\d\d$/ : /-Q\d$/).test(p));
    const sources = await Promise.all(
      QUALITY_RECORD_SOURCES.map(async (source): Promise<SourceStatistics> => {
        const { categories } = QUALITY_RECORD_SHAPES[source];
        const published = await this.publish(source, ids, year);
        const rows = [String(year), ...periods].flatMap((period) =>
          // By unit for the year only: the publication holds no unit by month (docs/quality-records.md).
          [null, ...categories].flatMap((category) =>
            [null, ...(period === String(year) ? ids : [])].map((unit) => this.row(source, published, period, category, unit)),
          ),
        );
        return { source, categories: [...categories], rows };
      }),
    );
    await this.audit.record(caller, [
      { action: 'read', entityType: 'quality_record_statistics', entityId: null, details: { year, unitId: unitId ?? null, granularity } },
    ]);
    return { year, granularity, threshold: DEFAULT_THRESHOLD, units, sources };
  }

  /** The units of the caller's scope (or the one asked for, when they reach it) for a year that can have records. */
  async scope(caller: Caller, year: number, unitId: string | undefined): Promise<Array<{ id: string; name: string }>> {
    const last = this.clock().getUTCFullYear() + 1;
    if (!Number.isInteger(year) || year < FIRST_YEAR || year > last) throw badInput(`year must be ${FIRST_YEAR} to ${last}`, 'year');
    if (unitId) await this.organisation.reachableUnit(caller, unitId);
    return this.repo.unitsInScope(caller.principal, unitId);
  }

  /** One source's suppressed publication of a year for these units. */
  async publish(source: QualityRecordSource, unitIds: readonly string[], year: number): Promise<SourcePublication> {
    const { categories, measures } = QUALITY_RECORD_SHAPES[source];
    const { counts, medians } = await this.repo.counts(source, unitIds, `${year}-01-01`, `${year + 1}-01-01`);
    const publication = publishQualityRecordStatistics({ year, categories, units: unitIds, measures, counts });
    return {
      publication,
      medianOf: (period, category, unit) =>
        publishedMedian(medians.get(medianKey(period, category, unit)) ?? null, publication.get('closed', category, unit, period)),
    };
  }

  /**
   * The quality report's sections for these units (the report's scope): the year's rows of each source's
   * publication over all the units, and what deviation investigations found and changed. The causes are a
   * table of their own (suppressed with their sum, which equals the investigated deviations when each names
   * one cause); IVO notifications and actions are in no published sum, so each is suppressed alone. The lex
   * Sarah count is the publication's lex Sarah row, so it is hidden exactly when the dashboard hides it.
   */
  async reportSummaries(unitIds: readonly string[], year: number): Promise<RecordSummaries> {
    const [deviations, feedback, outcomes] = await Promise.all([
      this.publish('deviation', unitIds, year),
      this.publish('feedback', unitIds, year),
      this.repo.deviationOutcomes(unitIds, `${year}-01-01`, `${year + 1}-01-01`),
    ]);
    const summary = (source: QualityRecordSource, published: SourcePublication, category: string | null): RecordSummaryRow => {
      const { period: _period, unitId: _unit, ...rest } = this.row(source, published, String(year), category, null);
      return rest;
    };
    const causes = suppressSmallCells(outcomes.causes.map((c) => ({ row: c.cause, column: 'named', count: c.count })));
    const byCategory = QUALITY_RECORD_SHAPES.deviation.categories.map((c) => summary('deviation', deviations, c));
    return {
      deviationSummary: {
        byCategory,
        total: summary('deviation', deviations, null),
        lexSarahReports: byCategory.find((r) => r.category === LEX_SARAH_CATEGORY)?.received ?? { count: null, suppressed: true },
        ivoNotifications: publishSingleCount(outcomes.ivoNotifications),
        causes: causes.cells.map((c) => ({ cause: c.row, count: { count: c.count, suppressed: c.suppressed } })),
        actionsDecided: publishSingleCount(outcomes.actionsDecided),
        actionsDone: publishSingleCount(outcomes.actionsDone),
      },
      feedbackSummary: {
        byKind: QUALITY_RECORD_SHAPES.feedback.categories.map((c) => summary('feedback', feedback, c)),
        total: summary('feedback', feedback, null),
      },
    };
  }

  private row(source: QualityRecordSource, published: SourcePublication, period: string, category: string | null, unit: string | null): QualityRecordRow {
    const { measures } = QUALITY_RECORD_SHAPES[source];
    const get = (measure: (typeof measures)[number]): PublishedCount =>
      published.publication.get(measure, category, unit, period) ?? { count: null, suppressed: true };
    return {
      period,
      category,
      unitId: unit,
      received: get('received'),
      investigated: get('investigated'),
      closed: get('closed'),
      closedInTime: get('closedInTime'),
      withActions: measures.includes('withActions') ? get('withActions') : null,
      medianDaysToClose: published.medianOf(period, category, unit),
    };
  }
}
