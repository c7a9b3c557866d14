import {
  ACTORS,
  allItems,
  deriveRisks,
  normalizeAnswers,
  parseTemplateDefinition,
  validateAnswers,
  type Answers,
  type TemplateDefinition,
} from '@hjulet/domain';
import seed from '@hjulet/domain/templates/sakerhet-hjalpbehov.v1.json';
import { buildSchema, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import schemaSdl from '../../../../../graphql/schema.graphql?raw';
import type { AgreedAction, ReviewDraft, ReviewPayload } from '../../data/db.js';
import { reviewToWire } from '../../sync/enum-casing.js';
import { completedReviewItem, declinedReviewItem } from './review-payload.js';

function seedTemplate(): TemplateDefinition {
  const parsed = parseTemplateDefinition(seed);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

const template = seedTemplate();
const NOW = '2025-03-10T09:30:00.000Z';

function draftWith(answers: Answers, actions: AgreedAction[] = []): ReviewDraft {
  return {
    clientId: '5b0c7f7e-2d0a-4f57-9d1e-0f2b6c1a9e01',
    userId: 'user-anna',
    recipientId: 'recipient-1',
    recipientReference: 'Brukare 1',
    templateVersionId: 'template-v1',
    answers,
    sectionIndex: 3,
    consentToShare: true,
    actions,
    offeredAt: '2025-03-10T09:00:00.000Z',
    updatedAt: '2025-03-10T09:20:00.000Z',
  };
}

/** The answers as they leave the phone (`answerValues`): the map the server validates and derives risks from. */
function answersAsServerReadsThem(kept: ReviewPayload): Answers {
  const payload = reviewToWire(kept);
  expect(payload.answers).toBeUndefined();
  return { ...(payload.answerValues as Answers) };
}

/** Every required visible item answered: the safe answer where there is a risk rule, else the first choice. */
function completeAnswers(choose: (key: string, choices: string[]) => string): Answers {
  const answers: Answers = {};
  for (const item of allItems(template)) {
    if (item.answerType === 'yes_no_na') answers[item.key] = choose(item.key, ['yes', 'no', 'not_applicable']);
  }
  return answers;
}

/** A small deterministic generator, so a failing case can be reproduced. */
function seeded(seedValue: number): () => number {
  let state = seedValue;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('a completed review as it leaves the phone', () => {
  it('drops the answer to the stove guard when the stove is never forgotten on', () => {
    const draft = draftWith({ stove_forgotten: 'no', stove_guard: 'no', alarm_present: 'yes' });

    const { payload } = completedReviewItem(draft, template, 'device-1', NOW);

    expect(payload.answers).toEqual([
      { itemKey: 'alarm_present', value: 'yes' },
      { itemKey: 'stove_forgotten', value: 'no' },
    ]);
  });

  it('keeps the answer to the stove guard when the stove is forgotten on', () => {
    const { payload } = completedReviewItem(draftWith({ stove_forgotten: 'yes', stove_guard: 'no' }), template, 'device-1', NOW);

    expect(payload.answers).toEqual([
      { itemKey: 'stove_forgotten', value: 'yes' },
      { itemKey: 'stove_guard', value: 'no' },
    ]);
  });

  it('sends a number as a number and text as a value', () => {
    const weighing: TemplateDefinition = {
      key: 'vikt',
      title: { sv: 'Vikt', en: 'Weight' },
      riskCategories: [],
      qualityDimensions: [],
      sections: [
        {
          key: 'matt',
          title: { sv: 'Mått', en: 'Measures' },
          items: [
            { key: 'weight_kg', text: { sv: 'Vikt i kg', en: 'Weight in kg' }, answerType: 'number', min: 20, max: 300 },
            { key: 'notes', text: { sv: 'Anteckningar', en: 'Notes' }, answerType: 'free_text' },
          ],
        },
      ],
    };

    const { payload } = completedReviewItem(draftWith({ weight_kg: 62.5, notes: 'Väger sig varje vecka' }), weighing, 'device-1', NOW);

    expect(payload.answers).toEqual([
      { itemKey: 'weight_kg', number: 62.5 },
      { itemKey: 'notes', value: 'Väger sig varje vecka' },
    ]);
  });

  it('sends every agreed actor as a value of the GraphQL Actor enum', () => {
    const actions: AgreedAction[] = ACTORS.map((actor, i) => ({
      clientId: `action-${i}`,
      itemKey: 'stove_forgotten',
      what: 'Spisvakt',
      actor,
      dueDate: '2025-04-09',
      declinedByClient: false,
    }));
    const actorEnum = buildSchema(schemaSdl).getType('Actor');
    const enumValues = isEnumType(actorEnum) ? actorEnum.getValues().map((v) => v.name) : [];

    const payload = reviewToWire(completedReviewItem(draftWith({ stove_forgotten: 'yes' }, actions), template, 'device-1', NOW).payload);

    expect(payload.actions?.map((a) => a.actor)).toEqual([
      'RESIDENT',
      'RELATIVE',
      'HOME_CARE_CONTACTS_LANDLORD',
      'HOUSING_ADAPTATION',
      'OCCUPATIONAL_THERAPIST',
      'FIRE_SERVICE',
      'OTHER',
    ]);
    expect([...enumValues].sort()).toEqual([...(payload.actions ?? []).map((a) => a.actor)].sort());
  });

  it('does not send an action agreed for a risk that a changed answer took away', () => {
    const agreed = (itemKey: string, what: string, actor: string): AgreedAction => ({
      clientId: `action-${itemKey}`,
      itemKey,
      what,
      actor,
      dueDate: '2025-04-09',
      declinedByClient: false,
    });
    const installAlarm = agreed('alarm_present', 'Hyresvärden sätter upp brandvarnare.', 'home_care_contacts_landlord');
    const stoveGuard = agreed('stove_guard', 'Arbetsterapeuten provar ut och förskriver spisvakt.', 'occupational_therapist');
    const timer = agreed('stove_forgotten', 'Den boende använder en timer.', 'resident');
    // Back in the checklist the alarm was found working and a stove guard was found: only the stove risk is left.
    const draft = draftWith({ alarm_present: 'yes', stove_forgotten: 'yes', stove_guard: 'yes' }, [installAlarm, stoveGuard, timer]);

    const { payload } = completedReviewItem(draft, template, 'device-1', NOW);

    expect(payload.actions?.map((a) => a.clientId)).toEqual([timer.clientId]);
  });

  it("uses the review's clientId as the idempotency key, however often it is built", () => {
    const draft = draftWith({ alarm_present: 'no' });

    const first = completedReviewItem(draft, template, 'device-1', NOW);
    const again = completedReviewItem(draft, template, 'device-1', '2025-03-10T10:00:00.000Z');

    expect(first.id).toBe(draft.clientId);
    expect(first.payload.clientId).toBe(draft.clientId);
    expect(again.payload.clientId).toBe(draft.clientId);
    expect(first).toMatchObject({ kind: 'review', userId: 'user-anna', attempts: 0, createdAt: NOW, nextAttemptAt: NOW });
    expect(first.payload).toMatchObject({ status: 'completed', deviceId: 'device-1', performedAt: NOW, consentToShareWithFireService: true });
  });

  it('sends the reason given for a second review in the period, and no reason field for a first one', () => {
    const first = completedReviewItem(draftWith({ alarm_present: 'no' }), template, 'device-1', NOW);
    const repeat = completedReviewItem({ ...draftWith({ alarm_present: 'no' }), repeatReason: 'Brukaren har flyttat' }, template, 'device-1', NOW);

    expect('repeatReason' in first.payload).toBe(false);
    expect(reviewToWire(repeat.payload).repeatReason).toBe('Brukaren har flyttat');
  });

  it('sends a declined review with its reason and no answers', () => {
    const item = declinedReviewItem(
      {
        clientId: 'c-1',
        userId: 'user-anna',
        recipientId: 'recipient-1',
        recipientReference: 'Brukare 1',
        templateVersionId: 'template-v1',
        reason: 'not_now',
        deviceId: 'device-1',
        offeredAt: NOW,
      },
      NOW,
    );

    expect(item.payload).toMatchObject({
      clientId: 'c-1',
      status: 'declined',
      declineReason: 'not_now',
      answers: [],
      actions: [],
      consentToShareWithFireService: false,
    });
  });
});

describe('the risks shown on the phone and stored by the server', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('are the same for the answers of review %i', (caseNumber) => {
    const random = seeded(caseNumber);
    const draft = draftWith(completeAnswers((_, choices) => choices[Math.floor(random() * choices.length)] ?? 'yes'));

    const shownOnPhone = deriveRisks(template, normalizeAnswers(template, draft.answers));
    const { payload } = completedReviewItem(draft, template, 'device-1', NOW);
    const storedByServer = deriveRisks(template, answersAsServerReadsThem(payload));

    expect(storedByServer).toEqual(shownOnPhone);
  });

  it('include a missing stove guard only when the stove is forgotten on', () => {
    const forgotten = completedReviewItem(draftWith(completeAnswers((key) => (key === 'stove_forgotten' ? 'yes' : 'no'))), template, 'device-1', NOW);
    const neverForgotten = completedReviewItem(draftWith(completeAnswers(() => 'no')), template, 'device-1', NOW);

    expect(deriveRisks(template, answersAsServerReadsThem(forgotten.payload)).map((r) => r.itemKey)).toContain('stove_guard');
    expect(deriveRisks(template, answersAsServerReadsThem(neverForgotten.payload)).map((r) => r.itemKey)).not.toContain('stove_guard');
  });

  it("pass the server's completeness check although hidden questions were answered on the way", () => {
    const draft = draftWith(completeAnswers((key) => (key === 'stove_forgotten' ? 'no' : 'yes')));
    expect(validateAnswers(template, draft.answers, 'complete').map((issue) => issue.code)).toContain('HIDDEN_ITEM');

    const { payload } = completedReviewItem(draft, template, 'device-1', NOW);

    expect(validateAnswers(template, answersAsServerReadsThem(payload), 'complete')).toEqual([]);
  });
});
