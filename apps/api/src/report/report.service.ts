import type { AuditService } from '../audit/audit.service.js';
import type { PlanService } from '../plan/plan.service.js';
import type { OrganisationService } from '../organisation/organisation.service.js';
import type { Caller } from '../shared/context.js';
import type { QualityRecordService } from '../quality-records/quality-record.service.js';
import type { ReportRepository } from './report.repository.js';
import type { QualityReport } from './report.types.js';
import { selfCheckSection } from './report-self-checks.js';

/**
 * The kvalitetsberättelse: a year's goals and results against targets, risks found and what was done,
 * the effect at the next review, events, open actions and lessons, for the caller's scope (a unit
 * manager: their unit; a coordinator: their administration's units, or one of them).
 */
export class ReportService {
  constructor(
    private readonly repo: ReportRepository,
    private readonly plan: PlanService,
    private readonly organisation: OrganisationService,
    private readonly audit: AuditService,
    private readonly records: QualityRecordService,
  ) {}

  async qualityReport(caller: Caller, year: number, unitId?: string | undefined): Promise<QualityReport> {
    if (unitId) await this.organisation.reachableUnit(caller, unitId);
    const units = await this.repo.unitsInScope(caller.principal, unitId);
    const ids = units.map((u) => u.id);
    const from = `${year}-01-01`;
    const to = `${year + 1}-01-01`;
    const [coverage, goals, risks, effects, events, actions, improvement, lessons, records, selfChecks] = await Promise.all([
      this.plan.indicatorValue(caller, 'coverage', ids, String(year)),
      this.plan.goals(caller, { year }),
      this.repo.riskSummary(ids, from, to),
      this.repo.effects(ids, from, to),
      this.repo.eventCounts(ids, from, to),
      this.repo.openRiskActions(ids, new Date()),
      this.plan.improvementActionsInScope(caller.principal, { openOnly: true, year, unitId }),
      this.plan.lessonsOfYear(caller, year),
      this.records.reportSummaries(ids, year),
      this.repo.selfCheckSummary(ids, from, to),
    ]);
    const judged = effects.gone + effects.stillThere;
    await this.audit.record(caller, [{ action: 'read', entityType: 'quality_report', entityId: null, details: { year, unitId: unitId ?? null } }]);
    return {
      year,
      units: units.map((u) => u.name),
      coverage,
      goals,
      risks,
      effects: { ...effects, resolvedShare: judged === 0 ? null : effects.gone / judged },
      events,
      openRiskActions: actions.open,
      overdueRiskActions: actions.overdue,
      openImprovementActions: improvement.map((i) => i.action),
      lessons,
      ...records,
      selfChecks: selfCheckSection(selfChecks, from, to),
    };
  }
}
