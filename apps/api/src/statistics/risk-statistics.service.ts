import { HOUSING_TYPES, parsePeriod, publishRiskStatistics, type HousingType, type StatisticsPublication } from '@hjulet/domain';
import { AccessRefused, badInput } from '../shared/app-error.js';
import type { PartnerPrincipal } from '../partners/partner-principal.js';
import type { PartnerArea, RiskStatisticsRepository } from './risk-statistics.repository.js';
import type { RiskStatisticsGrouping } from './risk-statistics.types.js';

export interface RiskStatisticsRequest {
  period: string;
  areas?: readonly string[] | null | undefined;
  categories?: readonly string[] | null | undefined;
  groupBy?: readonly RiskStatisticsGrouping[] | null | undefined;
}

export interface RiskStatisticsRow {
  period: string;
  area: PartnerArea | null;
  housingType: HousingType | null;
  category: string | null;
  reviewsOffered: Count;
  reviewsCompleted: Count;
  reviewsWithRisk: Count;
  risksFollowedUp: Count | null;
  risksResolved: Count | null;
}

type Count = { count: number | null; suppressed: boolean };

/** How long a computed publication is reused. */
export const PUBLICATION_TTL_MS = 60_000;

/**
 * Risk statistics for a partner (issue 10 §2): the supervisors' indicators for the partner's areas, as one
 * suppressed publication per calendar year with all the partner's areas as its base. A request only picks
 * rows of that publication: the filters choose areas and categories to show, never a new total, so asking
 * twice, with overlapping filters or neighbouring periods, gives a partner nothing it could subtract.
 */
export class RiskStatisticsService {
  private readonly cache = new Map<string, { madeAt: number; publication: Promise<StatisticsPublication> }>();

  constructor(
    private readonly repo: RiskStatisticsRepository,
    private readonly now: () => number = Date.now,
  ) {}

  async statistics(partner: PartnerPrincipal, request: RiskStatisticsRequest): Promise<RiskStatisticsRow[]> {
    const groupBy = new Set(request.groupBy ?? []);
    const period = checkedPeriod(request.period, groupBy);
    const [areas, categories] = await Promise.all([this.repo.areas(partner.municipalityId, partner.areaIds), this.repo.categories()]);
    const shownAreas = pick(request.areas, areas, (a) => a.code, groupBy.has('area'), 'areas', 'area');
    const shownCategories = pick(request.categories, categories, (c) => c, groupBy.has('category'), 'categories', 'category');
    const publication = await this.publication(partner, period.year, areas, categories);
    const rows: RiskStatisticsRow[] = [];
    for (const periodKey of period.keys) {
      for (const area of shownAreas) {
        for (const housingType of groupBy.has('housing_type') ? HOUSING_TYPES : [null]) {
          for (const category of shownCategories) rows.push(rowOf(publication, periodKey, area, housingType, category));
        }
      }
    }
    return rows;
  }

  /**
   * One publication per municipality, area set and year, kept for `PUBLICATION_TTL_MS`: within that time
   * every request reads the same suppressed numbers, and a partner's burst of requests costs one
   * computation. A review that arrives later shows after the publication expires.
   */
  private publication(partner: PartnerPrincipal, year: number, areas: PartnerArea[], categories: string[]): Promise<StatisticsPublication> {
    const key = [partner.municipalityId, year, ...areas.map((a) => a.id), '|', ...categories].join(' ');
    const cached = this.cache.get(key);
    if (cached && this.now() - cached.madeAt < PUBLICATION_TTL_MS) return cached.publication;
    const publication = this.repo
      .countsOfYear(partner.municipalityId, year, areas)
      .then((counts) => publishRiskStatistics({ year, areas: areas.map((a) => a.code), categories, counts }));
    publication.catch(() => this.cache.delete(key));
    for (const [old, entry] of this.cache) if (this.now() - entry.madeAt >= PUBLICATION_TTL_MS) this.cache.delete(old);
    this.cache.set(key, { madeAt: this.now(), publication });
    return publication;
  }
}

function rowOf(publication: StatisticsPublication, period: string, area: PartnerArea | null, housingType: HousingType | null, category: string | null) {
  const get = (measure: Parameters<StatisticsPublication['get']>[0], ofCategory: string | null): Count =>
    publication.get(measure, ofCategory, area?.code ?? null, period, housingType) ?? { count: null, suppressed: true };
  return {
    period,
    area,
    housingType,
    category,
    reviewsOffered: get('reviewsOffered', null),
    reviewsCompleted: get('reviewsCompleted', null),
    reviewsWithRisk: get('reviewsWithRisk', category),
    risksFollowedUp: category === null ? get('risksFollowedUp', null) : null,
    risksResolved: category === null ? get('risksResolved', null) : null,
  };
}

/** The period asked for and the period keys of the rows: months or quarters within it when grouped so. */
function checkedPeriod(text: string, groupBy: ReadonlySet<RiskStatisticsGrouping>): { year: number; keys: string[] } {
  const parsed = parsePeriod(text);
  if (!parsed || /-H[12]$/.test(text)) throw badInput('A period is a year (2026), a quarter (2026-Q3) or a month (2026-11)', 'period');
  if (groupBy.has('month') && groupBy.has('quarter')) throw badInput('Group by month or by quarter, not both', 'groupBy');
  const year = Number(text.slice(0, 4));
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`).filter((m) => inPeriod(m, parsed));
  if (groupBy.has('month')) return { year, keys: months };
  if (groupBy.has('quarter')) {
    if (/^\d{4}-\d{2}$/.test(text)) throw badInput('A month has no quarters: group a month by nothing, or ask for its quarter', 'groupBy');
    return { year, keys: [1, 2, 3, 4].map((q) => `${year}-Q${q}`).filter((q) => inPeriod(q, parsed)) };
  }
  return { year, keys: [text] };
}

function inPeriod(key: string, period: { from: string; to: string }): boolean {
  const part = parsePeriod(key);
  return part !== null && part.from >= period.from && part.to <= period.to;
}

/**
 * The groups a filter shows. A filter only narrows the rows of a grouping: without the grouping, the row
 * is the total over everything (all your areas, any category), and a total over a chosen few is not
 * published, since it would be a new sum to subtract from the others.
 */
function pick<T>(
  asked: readonly string[] | null | undefined,
  all: readonly T[],
  keyOf: (item: T) => string,
  grouped: boolean,
  field: string,
  grouping: string,
): Array<T | null> {
  if (!grouped) {
    if (asked && asked.length > 0)
      throw badInput(`A total over some ${field} is not published: group by ${grouping.toUpperCase()} to read them one by one`, field);
    return [null];
  }
  if (!asked || asked.length === 0) return [...all];
  const chosen = all.filter((item) => asked.includes(keyOf(item)));
  if (chosen.length !== new Set(asked).size) {
    if (field === 'areas') throw new AccessRefused('NOT_FOUND', 'Not one of your areas', field, { entityType: 'area', entityId: null });
    throw badInput('Not a risk category of the templates', field);
  }
  return chosen;
}
