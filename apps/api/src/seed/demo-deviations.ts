import { principalOf } from '../auth/auth.service.js';
import type { Services } from '../services.js';
import type { Caller } from '../shared/context.js';
import type { User } from '../users/user.entity.js';

export interface DeviationSeedPeople {
  admin: User;
  /** Maria, designated to receive lex Sarah reports. */
  coordinator: User;
  /** Eva of Norr: investigates Norr's deviations, but is not in the lex Sarah group. */
  managerNorr: User;
  staffNorr: User;
  staffSoder: User;
  /** A person of each unit, where the demo has one. */
  recipientNorr: string | null;
  recipientSoder: string | null;
}

/** The demo lex Sarah report's id: fixed, so the docs and a test can name it. */
export const DEMO_LEX_SARAH_ID = '5a4a0000-0000-4000-8000-000000000001';

const DAY = 86_400_000;

/**
 * The demo deviations: the coordinator designated as lex Sarah receiver; a missed visit just reported, a
 * fall investigated with a cause analysis and an action, a medication deviation in Söder, and one lex Sarah
 * report, investigated as serious so its IVO notification can be shown. Reported through the same service
 * calls as the phone's outbox makes.
 */
export async function seedDemoDeviations(services: Services, people: DeviationSeedPeople, requestId: string): Promise<void> {
  const as = (user: User): Caller => ({ principal: principalOf(user), requestId });
  const ago = (days: number) => new Date(Date.now() - days * DAY);
  const d = services.deviations;
  await d.designate(as(people.admin), people.coordinator.id, true);

  await d.report(as(people.staffNorr), {
    clientId: '5a4a0000-0000-4000-8000-000000000002',
    kind: 'missed_visit',
    lexSarah: false,
    occurredAt: ago(1),
    description: 'Kvällsbesöket blev inte av: besöket saknades i planeringen efter ett byte av pass.',
    immediateAction: 'Ringde brukaren, som var oskadd; besöket gjordes en timme senare.',
    recipientId: people.recipientNorr,
  });

  const fall = '5a4a0000-0000-4000-8000-000000000003';
  await d.report(as(people.staffNorr), {
    clientId: fall,
    kind: 'fall',
    lexSarah: false,
    occurredAt: ago(9),
    description: 'Brukaren hittades på golvet i hallen vid morgonbesöket. Ingen synlig skada.',
    immediateAction: 'Hjälpte brukaren upp, kontaktade sjuksköterska.',
    recipientId: people.recipientNorr,
  });
  await d.investigate(as(people.managerNorr), fall, {
    findings: 'Lös matta i hallen och dålig belysning nattetid.',
    causes: ['environment'],
    causeDescription: null,
    serious: false,
  });
  await d.addAction(as(people.managerNorr), fall, {
    what: 'Arbetsterapeut gör hembesök om mattor och nattbelysning',
    dueOn: ago(-14).toISOString().slice(0, 10),
  });

  await d.report(as(people.staffSoder), {
    clientId: '5a4a0000-0000-4000-8000-000000000004',
    kind: 'medication',
    lexSarah: false,
    occurredAt: ago(3),
    description: 'Kvällens dos gavs inte: dosetten var inte påfylld.',
    immediateAction: 'Kontaktade sjuksköterskan, som gav ordination om vad som skulle göras.',
    recipientId: people.recipientSoder,
  });

  await d.report(as(people.staffNorr), {
    clientId: DEMO_LEX_SARAH_ID,
    kind: 'missforhallande',
    lexSarah: true,
    occurredAt: ago(4),
    description: 'Brukaren har vid upprepade besök lämnats utan mat och tillsyn när besöken kortats ner.',
    immediateAction: 'Informerade enhetschefen samma dag; extra besök lades in.',
    recipientId: people.recipientNorr,
  });
  await d.investigate(as(people.coordinator), DEMO_LEX_SARAH_ID, {
    findings: 'Besöken kortades vid personalbrist utan att insatserna prioriterades om.',
    causes: ['information', 'other'],
    causeDescription: 'Ingen rutin för prioritering vid personalbrist.',
    serious: true,
  });
  await d.addAction(as(people.coordinator), DEMO_LEX_SARAH_ID, {
    what: 'Rutin för prioritering av insatser vid personalbrist',
    dueOn: ago(-21).toISOString().slice(0, 10),
  });
}
