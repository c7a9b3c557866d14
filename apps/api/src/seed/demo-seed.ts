import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { isItemVisible, isRiskAnswer, type Answers, type TemplateDefinition } from '@hjulet/domain';
import { hashPassword } from '../auth/passwords.js';
import { principalOf } from '../auth/auth.service.js';
import { Municipality } from '../organisation/organisation.entities.js';
import type { Services } from '../services.js';
import type { Caller } from '../shared/context.js';
import { User, type Role } from '../users/user.entity.js';
import type { SubmittedAction, SubmittedReview } from '../reviews/review-submission.js';
import type { HousingType } from '../recipients/care-recipient.entity.js';
import { pick, seededRandom } from './random.js';
import { safetyChecklistDefinition } from './safety-template.js';
import { seedDemoRoutines } from './demo-routines.js';
import { seedDemoDeviations } from './demo-deviations.js';
import { seedDemoQualityRecords } from './demo-quality-records.js';
import { seedDemoSurveys } from './demo-surveys.js';
import { seedDemoSelfChecks } from './demo-self-checks.js';

export const DEMO_PASSWORD = 'hjulet-demo-2026';

export interface DemoLogin {
  role: Role;
  email: string;
  password: string;
  scope: string;
}

export interface DemoSeed {
  municipalityId: string;
  templateVersionId: string;
  unitIds: string[];
  areaIds: string[];
  recipients: Array<{ id: string; unitId: string; reference: string }>;
  logins: DemoLogin[];
  reviews: number;
}

// Share of completed reviews that find each risk: rough figures from Swedish home-care screenings.
const RISK_RATE: Record<string, number> = {
  alarm_present: 0.14,
  alarm_tested: 0.35,
  alarm_perceived: 0.12,
  alarm_placement: 0.1,
  call_112: 0.18,
  knows_what_to_do: 0.25,
  evacuate_alone: 0.3,
  stairwell_smoke: 0.45,
  door_unlock: 0.08,
  blanket_extinguisher: 0.55,
  can_extinguish: 0.4,
  stove_forgotten: 0.15,
  stove_guard: 0.6,
  stove_combustibles: 0.12,
  smoking_unsafe: 0.06,
  candles: 0.1,
  electrical: 0.08,
  charging: 0.07,
  oxygen: 0.01,
  influence: 0.09,
  clutter: 0.1,
  trip_hazards: 0.38,
  lighting: 0.22,
  bathroom: 0.3,
  safety_alarm: 0.28,
  building_risk: 0.05,
};
const OFTEN_NOT_APPLICABLE = new Set(['smoking_unsafe', 'candles', 'charging', 'oxygen', 'stove_combustibles']);
const DECLINE_REASONS = ['Vill inte just nu', 'Anhörig sköter detta', 'Har nyligen gjort en genomgång', 'Avböjer utan angivet skäl'];

/** Answers for one demo review, drawn with the rates above and valid for the template. */
export function demoAnswers(template: TemplateDefinition, random: () => number): Answers {
  const answers: Answers = {};
  for (const item of template.sections.flatMap((s) => s.items)) {
    if (!isItemVisible(template, item.key, answers)) continue;
    if (item.answerType === 'free_text') {
      if (random() < 0.15) answers[item.key] = pick(random, ['Dottern hjälper till med inköp.', 'Bor ensam, går med rollator.', 'Hund i lägenheten.']);
      continue;
    }
    if (!item.risk || !('when' in item.risk)) continue;
    const riskAnswer = item.risk.when[0] as string;
    const safeAnswer = riskAnswer === 'yes' ? 'no' : 'yes';
    if (OFTEN_NOT_APPLICABLE.has(item.key) && random() < 0.5) answers[item.key] = 'not_applicable';
    else answers[item.key] = random() < (RISK_RATE[item.key] ?? 0.1) ? riskAnswer : safeAnswer;
  }
  return answers;
}

export async function hasAnyMunicipality(dataSource: DataSource): Promise<boolean> {
  return (await dataSource.manager.count(Municipality)) > 0;
}

/**
 * The demo municipality: 2 administrations, 4 home-care units, 3 areas, 60 care recipients, the safety
 * checklist imported through the admin's import path, a login per role, and a year of reviews.
 */
export async function seedDemo(dataSource: DataSource, services: Services, options: { now?: Date; recipientCount?: number } = {}): Promise<DemoSeed> {
  const now = options.now ?? new Date();
  const random = seededRandom(581);
  const requestId = `seed-${randomUUID()}`;

  const municipality = { id: randomUUID(), name: 'Norrköpings kommun (demo)', kommunkod: '0581' };
  await dataSource.manager.insert(Municipality, municipality);
  const admin = await insertFirstAdmin(dataSource, municipality.id);
  await services.plan.seedDefaultDimensions(municipality.id);
  const asAdmin: Caller = { principal: principalOf(admin), requestId };

  const care = await services.organisation.createAdministration(asAdmin, 'Vård- och omsorgskontoret');
  const social = await services.organisation.createAdministration(asAdmin, 'Socialkontoret');
  const units = [
    await services.organisation.createUnit(asAdmin, care.id, 'Hemtjänst Norr'),
    await services.organisation.createUnit(asAdmin, care.id, 'Hemtjänst Söder'),
    await services.organisation.createUnit(asAdmin, care.id, 'Hemtjänst Centrum'),
    await services.organisation.createUnit(asAdmin, social.id, 'Hemtjänst Kolmården'),
  ];
  const areas = [
    await services.organisation.createArea(asAdmin, 'NORR', 'Norr'),
    await services.organisation.createArea(asAdmin, 'SODER', 'Söder'),
    await services.organisation.createArea(asAdmin, 'CENTRUM', 'Centrum'),
  ];

  const [norr, soder, centrum, kolmarden] = units as [(typeof units)[0], (typeof units)[0], (typeof units)[0], (typeof units)[0]];
  const user = (role: Role, email: string, displayName: string, scope: { unitId?: string; administrationId?: string }) =>
    services.users.create(asAdmin, { role, email, displayName, password: DEMO_PASSWORD, ...scope });
  const staff = [
    await user('staff', 'personal@demo.hjulet.se', 'Sara Personal', { unitId: norr.id }),
    await user('staff', 'personal2@demo.hjulet.se', 'Ali Personal', { unitId: norr.id }),
    await user('staff', 'personal.soder@demo.hjulet.se', 'Karin Söder', { unitId: soder.id }),
    await user('staff', 'personal.centrum@demo.hjulet.se', 'Johan Centrum', { unitId: centrum.id }),
    await user('staff', 'personal.kolmarden@demo.hjulet.se', 'Lena Kolmården', { unitId: kolmarden.id }),
  ];
  const managerNorr = await user('unit_manager', 'enhetschef@demo.hjulet.se', 'Eva Enhetschef', { unitId: norr.id });
  const managerSoder = await user('unit_manager', 'enhetschef.soder@demo.hjulet.se', 'Per Enhetschef', { unitId: soder.id });
  const coordinator = await user('quality_coordinator', 'kvalitet@demo.hjulet.se', 'Maria Kvalitetsutvecklare', { administrationId: care.id });

  const version = await services.templates.importDefinition(asAdmin, safetyChecklistDefinition(), true);

  const housing: HousingType[] = ['rented_flat', 'rented_flat', 'rented_flat', 'owned_flat', 'house', 'other'];
  const recipients = [];
  const count = options.recipientCount ?? 60;
  for (let i = 0; i < count; i++) {
    const unit = units[i % units.length] as (typeof units)[0];
    recipients.push(
      await services.recipients.create(asAdmin, {
        reference: `HT-${String(i + 1).padStart(4, '0')}`,
        unitId: unit.id,
        areaId: (areas[Math.floor(random() * areas.length)] as (typeof areas)[0]).id,
        housingType: pick(random, housing),
        ordinaryHousing: true,
        address: random() < 0.7 ? `Demogatan ${i + 1}, Norrköping` : null,
      }),
    );
  }

  // A year of reviews, submitted by each unit's staff the way phones send them.
  const batches = new Map<string, SubmittedReview[]>();
  for (const recipient of recipients) {
    if (random() < 0.15) continue;
    const performedAt = new Date(now.getTime() - (5 + random() * 355) * 86_400_000);
    const offeredAt = new Date(performedAt.getTime() - random() * 3 * 86_400_000);
    const declined = random() < 0.1;
    const answers = declined ? {} : demoAnswers(version.definition, random);
    const submitter = staff.find((s) => s.unitId === recipient.unitId) ?? (staff[0] as User);
    const review: SubmittedReview = {
      clientId: randomUUID(),
      deviceId: 'demo-seed',
      recipientId: recipient.id,
      templateVersionId: version.id,
      status: declined ? 'declined' : 'completed',
      declineReason: declined ? pick(random, DECLINE_REASONS) : null,
      answers: Object.entries(answers).map(([itemKey, value]) => ({ itemKey, value: String(value) })),
      consentToShareWithFireService: !declined && random() < 0.6,
      offeredAt,
      performedAt,
      actions: [],
    };
    review.actions = declined ? [] : agreedActions(version.definition, answers, performedAt, random);
    const list = batches.get(submitter.id) ?? [];
    list.push(review);
    batches.set(submitter.id, list);
  }
  let stored = 0;
  for (const [userId, reviews] of batches) {
    const submitter = staff.find((s) => s.id === userId) as User;
    const results = await services.reviews.submit({ principal: principalOf(submitter), requestId }, reviews);
    stored += results.filter((r) => r.outcome === 'created').length;
  }
  stored += await seedEarlierReviews(services, version, recipients, staff, now, requestId);
  await closeSomePastActions(dataSource, now);
  await seedDemoRoutines(
    services,
    { coordinator, managerNorr, managerSoder, staffNorr: [staff[0] as User, staff[1] as User], staffSoder: staff[2] as User },
    now,
    requestId,
  );
  await seedDemoDeviations(
    services,
    {
      admin,
      coordinator,
      managerNorr,
      staffNorr: staff[0] as User,
      staffSoder: staff[2] as User,
      recipientNorr: recipients.find((r) => r.unitId === norr.id)?.id ?? null,
      recipientSoder: recipients.find((r) => r.unitId === soder.id)?.id ?? null,
    },
    requestId,
  );
  await seedDemoQualityRecords(
    services,
    dataSource,
    { managerNorr, managerSoder, staffNorr: staff[0] as User, staffSoder: staff[2] as User, norrId: norr.id, soderId: soder.id },
    now,
    requestId,
  );
  await seedDemoSurveys(services, admin, now, requestId);
  await seedDemoSelfChecks(services, { managerNorr, staffNorr: staff[0] as User }, version, norr.id, now, requestId);
  // The register knew these people before their first review: they were due a review in every period shown.
  await dataSource.query(`UPDATE care_recipient SET created_at = $1::timestamptz - interval '3 years' WHERE municipality_id = $2`, [
    now.toISOString(),
    municipality.id,
  ]);

  return {
    municipalityId: municipality.id,
    templateVersionId: version.id,
    unitIds: units.map((u) => u.id),
    areaIds: areas.map((a) => a.id),
    recipients: recipients.map((r) => ({ id: r.id, unitId: r.unitId, reference: r.reference })),
    reviews: stored,
    logins: [
      { role: 'staff', email: 'personal@demo.hjulet.se', password: DEMO_PASSWORD, scope: 'Hemtjänst Norr' },
      { role: 'unit_manager', email: 'enhetschef@demo.hjulet.se', password: DEMO_PASSWORD, scope: 'Hemtjänst Norr' },
      { role: 'quality_coordinator', email: 'kvalitet@demo.hjulet.se', password: DEMO_PASSWORD, scope: 'Vård- och omsorgskontoret' },
      { role: 'admin', email: admin.email, password: DEMO_PASSWORD, scope: municipality.name },
    ],
  };
}

/**
 * History for the dashboard: about half the recipients also had a review 13–23 months ago, so a 12-month trend
 * and "risks resolved by the next review" have something to show. Drawn from its own random stream, so the
 * year of reviews above stays exactly as it was.
 */
async function seedEarlierReviews(
  services: Services,
  version: { id: string; definition: TemplateDefinition },
  recipients: Array<{ id: string; unitId: string }>,
  staff: User[],
  now: Date,
  requestId: string,
): Promise<number> {
  const random = seededRandom(582);
  const batches = new Map<User, SubmittedReview[]>();
  for (const recipient of recipients) {
    if (random() < 0.5) continue;
    const performedAt = new Date(now.getTime() - (395 + random() * 300) * 86_400_000);
    const answers = demoAnswers(version.definition, random);
    const submitter = staff.find((s) => s.unitId === recipient.unitId) ?? (staff[0] as User);
    const list = batches.get(submitter) ?? [];
    list.push({
      clientId: randomUUID(),
      deviceId: 'demo-seed',
      recipientId: recipient.id,
      templateVersionId: version.id,
      status: 'completed',
      declineReason: null,
      answers: Object.entries(answers).map(([itemKey, value]) => ({ itemKey, value: String(value) })),
      consentToShareWithFireService: false,
      offeredAt: new Date(performedAt.getTime() - 3_600_000),
      performedAt,
      actions: agreedActions(version.definition, answers, performedAt, random),
    });
    batches.set(submitter, list);
  }
  let stored = 0;
  for (const [submitter, reviews] of batches) {
    const results = await services.reviews.submit({ principal: principalOf(submitter), requestId }, reviews);
    stored += results.filter((r) => r.outcome === 'created').length;
  }
  return stored;
}

async function insertFirstAdmin(dataSource: DataSource, municipalityId: string): Promise<User> {
  const admin = dataSource.manager.create(User, {
    id: randomUUID(),
    municipalityId,
    email: 'admin@demo.hjulet.se',
    displayName: 'Anna Admin',
    passwordHash: await hashPassword(DEMO_PASSWORD),
    role: 'admin',
    unitId: null,
    administrationId: null,
    active: true,
  });
  await dataSource.manager.insert(User, admin);
  return admin;
}

/** About half the risks get an action agreed with the client: the template's first suggestion. */
function agreedActions(template: TemplateDefinition, answers: Answers, performedAt: Date, random: () => number): SubmittedAction[] {
  const actions: SubmittedAction[] = [];
  for (const item of template.sections.flatMap((s) => s.items)) {
    const answer = answers[item.key];
    const suggestion = item.risk?.suggestedActions[0];
    if (answer === undefined || !isRiskAnswer(item, answer) || !suggestion || random() < 0.5) continue;
    actions.push({
      clientId: randomUUID(),
      itemKey: item.key,
      what: suggestion.text.sv,
      actor: suggestion.actor,
      dueDate: new Date(performedAt.getTime() + 30 * 86_400_000).toISOString().slice(0, 10),
      declinedByClient: random() < 0.08,
    });
  }
  return actions;
}

/** Demo history only: most actions older than a month were closed, a few late. */
async function closeSomePastActions(dataSource: DataSource, now: Date): Promise<void> {
  await dataSource.query(
    `UPDATE follow_up_action a
     SET status = CASE WHEN abs(hashtext(a.id::text)) % 10 = 0 THEN 'not_needed' ELSE 'done' END,
         closed_at = LEAST(r.performed_at + make_interval(days => 3 + abs(hashtext(a.client_id::text)) % 45), $1::timestamptz),
         closed_by = r.performed_by
     FROM review r
     WHERE r.id = a.review_id AND a.status = 'open' AND r.performed_at < $1::timestamptz - interval '30 days'
       AND abs(hashtext(a.id::text)) % 5 <> 0`,
    [now.toISOString()],
  );
}
