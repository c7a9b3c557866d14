import { randomUUID } from 'node:crypto';
import { principalOf } from '../auth/auth.service.js';
import type { Services } from '../services.js';
import type { Caller } from '../shared/context.js';
import type { User } from '../users/user.entity.js';

/** The demo users the register needs: who writes, owns and confirms. */
export interface RoutineSeedPeople {
  coordinator: User;
  managerNorr: User;
  managerSoder: User;
  /** Sara and Ali of Norr, Karin of Söder. */
  staffNorr: [User, User];
  staffSoder: User;
}

const SMOKE_ALARM_BODY = `Brandvarnaren ska provas **en gång i månaden**.

1. Tryck på testknappen tills det piper. Använd en pall med handtag eller ett kvastskaft, klättra inte.
2. Piper den inte: byt batteri och prova igen.
3. Fungerar den ändå inte: skriv en åtgärd i Hjulet. I hyresrätt ansvarar hyresvärden för brandvarnaren.
4. Skriv i genomförandeplanen att provningen är gjord.

Kan brukaren inte höra larmet? Se rutinen *Larm som brukaren kan uppfatta*.`;

const SMOKE_ALARM_BODY_EN = `Test the smoke alarm **once a month**.

1. Press the test button until it beeps. Use a step stool with a handle or a broom handle; do not climb.
2. No beep: change the battery and test again.
3. Still not working: record an action in Hjulet. In a rented flat the landlord is responsible for the alarm.
4. Note in the implementation plan that the test is done.`;

/**
 * The demo register: two processes, their activities, four routines (one linked to the checklist item
 * "Is there a routine for testing it?", one past its review date so its owner sees the flag), and
 * confirmations, some of an earlier version, so "who has confirmed" has something to show.
 */
export async function seedDemoRoutines(services: Services, people: RoutineSeedPeople, now: Date, requestId: string): Promise<void> {
  const as = (user: User): Caller => ({ principal: principalOf(user), requestId });
  const coordinator = as(people.coordinator);
  const day = (offsetDays: number) => new Date(now.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);

  const safety = await services.routines.createProcess(
    coordinator,
    'Förebyggande av olycksfall i hemmet',
    'Säkerhetsgenomgång med checklista, åtgärder och uppföljning.',
  );
  const review = await services.routines.createActivity(coordinator, safety.id, 'Säkerhetsgenomgång med brukaren');
  const act = await services.routines.createActivity(coordinator, safety.id, 'Åtgärder efter genomgången');
  const medication = await services.routines.createProcess(coordinator, 'Läkemedelshantering', null);
  const handover = await services.routines.createActivity(coordinator, medication.id, 'Överlämning av läkemedel');

  const smokeAlarm = await services.routines.create(coordinator, {
    activityId: review.id,
    title: 'Provning av brandvarnare',
    titleEn: 'Testing smoke alarms',
    responsible: 'Den som har besöket, tillsammans med brukaren',
    frequency: 'En gång i månaden',
    body: SMOKE_ALARM_BODY.replace('**en gång i månaden**', 'varje kvartal'),
    bodyEn: SMOKE_ALARM_BODY_EN,
    reviewOn: day(300),
    templateKey: 'sakerhet-hjalpbehov',
    itemKey: 'alarm_tested',
  });
  const [sara, ali] = people.staffNorr;
  // Ali read the first version; then the interval changed, and only Sara has confirmed version 2.
  await services.routines.confirm(as(ali), {
    clientId: randomUUID(),
    routineId: smokeAlarm.id,
    version: 1,
    confirmedAt: new Date(now.getTime() - 40 * 86_400_000),
  });
  await services.routines.revise(coordinator, smokeAlarm.id, {
    activityId: review.id,
    title: smokeAlarm.title,
    titleEn: smokeAlarm.titleEn,
    responsible: smokeAlarm.responsible,
    frequency: smokeAlarm.frequency,
    body: SMOKE_ALARM_BODY,
    bodyEn: SMOKE_ALARM_BODY_EN,
    reviewOn: day(300),
    templateKey: 'sakerhet-hjalpbehov',
    itemKey: 'alarm_tested',
  });
  await services.routines.confirm(as(sara), {
    clientId: randomUUID(),
    routineId: smokeAlarm.id,
    version: 2,
    confirmedAt: new Date(now.getTime() - 10 * 86_400_000),
  });

  const norrUnit = people.managerNorr.unitId as string;
  const offer = await services.routines.create(as(people.managerNorr), {
    activityId: review.id,
    unitId: norrUnit,
    title: 'Erbjuda säkerhetsgenomgång',
    titleEn: 'Offering the safety review',
    responsible: 'Kontaktpersonen',
    frequency: 'Vid start av hemtjänst och sedan en gång om året',
    body: 'Erbjud genomgången med checklistan *Säkerhet för personer med hjälpbehov*. Brukaren bestämmer: det går att tacka nej, och då skriver du skälet.\n\nFråga om samtycke innan något delas med räddningstjänsten.',
    bodyEn:
      'Offer the review with the checklist *Safety for people in need of help*. The client decides: they may decline, and then you record the reason.\n\nAsk for consent before anything is shared with the fire service.',
    reviewOn: day(200),
  });
  await services.routines.confirm(as(sara), { clientId: randomUUID(), routineId: offer.id, version: 1, confirmedAt: new Date(now.getTime() - 5 * 86_400_000) });

  await services.routines.create(coordinator, {
    activityId: act.id,
    title: 'Kontakt med hyresvärd vid brister',
    titleEn: 'Contacting the landlord about defects',
    responsible: 'Kontaktpersonen, med brukarens samtycke',
    frequency: 'Inom en vecka efter genomgången',
    body: 'Brister i fastigheten (trapphus, dörrstängare, brandvarnare i hyresrätt) är hyresvärdens ansvar. Hjälp brukaren att göra en felanmälan och skriv in det som en åtgärd.',
    bodyEn:
      "Defects in the building (stairwell, door closer, smoke alarm in a rented flat) are the landlord's responsibility. Help the client report it and record it as an action.",
    // Past its review date: flagged to its owner, the coordinator.
    reviewOn: day(-20),
  });

  const soderUnit = people.managerSoder.unitId as string;
  const signing = await services.routines.create(as(people.managerSoder), {
    activityId: handover.id,
    unitId: soderUnit,
    title: 'Signering av överlämnat läkemedel',
    responsible: 'Den som lämnar över läkemedlet',
    frequency: 'Vid varje överlämning',
    body: 'Signera på signeringslistan direkt efter överlämningen, aldrig i förväg. Har en dos inte lämnats över: kontakta sjuksköterskan och skriv en avvikelse.',
    reviewOn: day(120),
  });
  await services.routines.confirm(as(people.staffSoder), {
    clientId: randomUUID(),
    routineId: signing.id,
    version: 1,
    confirmedAt: new Date(now.getTime() - 3 * 86_400_000),
  });
}
