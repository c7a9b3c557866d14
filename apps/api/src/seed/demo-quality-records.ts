import type { DataSource } from 'typeorm';
import { deviationDeadlines, feedbackDates, type DeviationKind, type FeedbackKind, type RiskCause } from '@hjulet/domain';
import { principalOf } from '../auth/auth.service.js';
import type { Services } from '../services.js';
import type { Caller } from '../shared/context.js';
import type { User } from '../users/user.entity.js';
import { seededRandom } from './random.js';

export interface QualityRecordSeedPeople {
  managerNorr: User;
  managerSoder: User;
  staffNorr: User;
  staffSoder: User;
  norrId: string;
  soderId: string;
}

const DAY = 86_400_000;

/** Deviations of the last three months per unit and kind: enough that the statistics show numbers, not only "–". */
const DEVIATIONS: Array<{ unit: 'norr' | 'soder'; kind: DeviationKind; count: number }> = [
  { unit: 'norr', kind: 'fall', count: 10 },
  { unit: 'norr', kind: 'missed_visit', count: 9 },
  { unit: 'norr', kind: 'medication', count: 5 },
  { unit: 'soder', kind: 'missed_visit', count: 8 },
  { unit: 'soder', kind: 'fall', count: 7 },
];

const FEEDBACK: Array<{ unit: 'norr' | 'soder'; kind: FeedbackKind; count: number }> = [
  { unit: 'norr', kind: 'complaint', count: 8 },
  { unit: 'norr', kind: 'suggestion', count: 5 },
  { unit: 'norr', kind: 'praise', count: 6 },
  { unit: 'soder', kind: 'complaint', count: 6 },
  { unit: 'soder', kind: 'praise', count: 5 },
];

const CAUSES: RiskCause[] = ['environment', 'information', 'equipment', 'health'];

/**
 * Earlier deviations and feedback cases of this year, so the dashboard's trend and the quality report's
 * sections have something to show. Made through the services as the phone and the registrars make them,
 * then moved back to days earlier in the year (the services stamp them with the server's clock): receipt,
 * deadlines, investigation and closing move together, so a case closed late stays late.
 */
export async function seedDemoQualityRecords(services: Services, dataSource: DataSource, people: QualityRecordSeedPeople, now: Date, requestId: string) {
  const random = seededRandom(13);
  const as = (user: User): Caller => ({ principal: principalOf(user), requestId });
  const dayOfYear = Math.floor((now.getTime() - Date.UTC(now.getUTCFullYear(), 0, 1)) / DAY);
  /**
   * Days back from now for the i-th of `count` records: spread evenly over the last twelve weeks, so each of
   * the last three months has enough of a unit's records to be shown rather than suppressed; within this year.
   */
  const age = (i: number, count: number) => Math.max(0, Math.min(dayOfYear - 1, 2 + Math.floor(((i + random()) * 82) / count)));
  let n = 0;
  for (const group of DEVIATIONS) {
    const [reporter, manager, unitId] =
      group.unit === 'norr' ? [people.staffNorr, people.managerNorr, people.norrId] : [people.staffSoder, people.managerSoder, people.soderId];
    for (let i = 0; i < group.count; i++) {
      const id = `5a4b0000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
      const days = age(i, group.count);
      await services.deviations.report(as(reporter), {
        clientId: id,
        kind: group.kind,
        lexSarah: false,
        occurredAt: new Date(now.getTime() - 60_000),
        description: 'Demoavvikelse för statistiken.',
        unitId,
      });
      const investigated = days > 14 || random() < 0.4;
      if (investigated) {
        await services.deviations.investigate(as(manager), id, {
          findings: 'Genomgång med personalgruppen.',
          causes: [CAUSES[Math.floor(random() * CAUSES.length)] as RiskCause],
          causeDescription: null,
          serious: false,
        });
        if (random() < 0.7) {
          const acted = await services.deviations.addAction(as(manager), id, { what: 'Rutinen ses över', dueOn: now.toISOString().slice(0, 10) });
          const action = acted.actions?.[0];
          if (action && random() < 0.7) await services.deviations.completeAction(as(manager), action.id);
        }
        if (days > 10 && random() < 0.8) await services.deviations.close(as(manager), id);
      }
      const received = new Date(now.getTime() - days * DAY);
      const deadlines = deviationDeadlines(received);
      const closeAfter = Math.min(days, 5 + Math.floor(random() * 30));
      await dataSource.query(
        `UPDATE deviation SET received_at = $2, occurred_at = $2::timestamptz - interval '2 hours', investigate_by = $3, close_by = $4,
                investigated_at = CASE WHEN investigated_at IS NULL THEN NULL ELSE $2::timestamptz + make_interval(days => $5) END,
                closed_at = CASE WHEN closed_at IS NULL THEN NULL ELSE $2::timestamptz + make_interval(days => $6) END
         WHERE id = $1`,
        [id, received, deadlines.investigateBy, deadlines.closeBy, Math.min(closeAfter, 7), closeAfter],
      );
    }
  }
  for (const group of FEEDBACK) {
    const [manager, unitId] = group.unit === 'norr' ? [people.managerNorr, people.norrId] : [people.managerSoder, people.soderId];
    for (let i = 0; i < group.count; i++) {
      const days = age(i, group.count);
      const receipt = await services.feedback.register(as(manager), { kind: group.kind, channel: 'phone', unitId, message: 'Demosynpunkt för statistiken.' });
      const rows: Array<{ id: string }> = await dataSource.query(`SELECT id FROM feedback_case WHERE case_number = $1`, [receipt.caseNumber]);
      const id = rows[0]?.id as string;
      if (days > 7 || random() < 0.3) await services.feedback.answer(as(manager), id, 'Tack, vi har tagit upp det i gruppen.', 'Stämmer med personalens bild.');
      const received = new Date(now.getTime() - days * DAY);
      await dataSource.query(
        `UPDATE feedback_case SET received_at = $2, due_on = $3,
                answered_at = CASE WHEN answered_at IS NULL THEN NULL ELSE $2::timestamptz + make_interval(days => $4) END
         WHERE id = $1`,
        [id, received, feedbackDates(received).dueOn, Math.min(days, 3 + Math.floor(random() * 20))],
      );
    }
  }
}
