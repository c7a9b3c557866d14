import { describe, expect, it } from 'vitest';
import { parseTemplateDefinition, type TemplateDefinition } from '@hjulet/domain';
import safety from '@hjulet/domain/templates/sakerhet-hjalpbehov.v1.json';
import schema from '../../../../../graphql/schema.graphql?raw';
import type { AttentionItem, OutboxCloseAction, OutboxReview } from '../../data/db.js';
import { translate } from '../../i18n/i18n.js';
import { declinedReviewItem } from '../review/review-payload.js';
import {
  correctionTarget,
  draftFromRefused,
  reasonOf,
  refusalPlan,
  REVIEW_PLANS,
  sectionIndexOf,
  withoutRefusedCharacters,
  type KnownReason,
} from './refusal-plan.js';

/** The reasons the server can give, as the committed schema (which the API test checks against its code) lists them. */
function schemaReasons(): string[] {
  const block = /enum RefusalReason \{([^}]*)\}/.exec(schema)?.[1] ?? '';
  return block
    .replace(/"""[\s\S]*?"""/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^[A-Z_]+$/.test(line));
}

function template(): TemplateDefinition {
  const parsed = parseTemplateDefinition(safety);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

const declined = declinedReviewItem({
  clientId: '00000000-0000-4000-8000-000000000001',
  userId: 'user-anna',
  recipientId: 'recipient-1',
  recipientReference: 'HT-0001',
  templateVersionId: 'template-v1',
  reason: 'Vill inte',
  deviceId: 'device-1',
  offeredAt: '2026-03-10T08:00:00.000Z',
});
const completed: OutboxReview = {
  ...declined,
  payload: {
    ...declined.payload,
    status: 'completed',
    declineReason: null,
    answers: [
      { itemKey: 'alarm_present', value: 'no' },
      { itemKey: 'notes', value: 'Mattor\u0085i hallen' },
    ],
    consentToShareWithFireService: true,
    actions: [{ clientId: 'action-1', itemKey: 'alarm_present', what: 'Köp brandvarnare', actor: 'resident', dueDate: '2026-04-01', declinedByClient: false }],
  },
};
const closing: OutboxCloseAction = {
  id: 'close-1',
  kind: 'close_action',
  userId: 'user-anna',
  recipientReference: '',
  payload: { actionId: 'action-9', outcome: 'done', note: null },
  createdAt: '2026-03-10T08:00:00.000Z',
  attempts: 0,
  nextAttemptAt: '2026-03-10T08:00:00.000Z',
  lastError: null,
};
const entry = (reason: string | null, code = 'BAD_USER_INPUT', field: string | null = null, item: AttentionItem['item'] = completed) => ({
  reason,
  code,
  field,
  item,
});

describe('what a worker can do about a refused result', () => {
  it('has a plan for every reason the server can give, and for none it cannot', () => {
    expect(schemaReasons().length).toBeGreaterThan(10);
    expect(Object.keys(REVIEW_PLANS).sort()).toEqual([...schemaReasons(), 'UNKNOWN'].sort());
  });

  it.each(Object.keys(REVIEW_PLANS) as KnownReason[])('explains %s in Swedish and English, and always lets the worker discard it', (reason) => {
    const plan = REVIEW_PLANS[reason];
    expect(translate('sv', plan.explanation)).not.toBe(translate('en', plan.explanation));
    expect(translate('sv', plan.explanation).length).toBeGreaterThan(30);
    expect(plan.actions).toContain('discard');
  });

  it('offers "try again" only where sending the same again can succeed: when the server failed on it', () => {
    const retried = Object.entries(REVIEW_PLANS).filter(([, plan]) => plan.actions.includes('retry'));
    expect(retried.map(([reason]) => reason)).toEqual(['SERVER_FAILED']);
  });

  it('offers a hand-over for a recipient in another unit, and nowhere else', () => {
    expect(refusalPlan(entry('RECIPIENT_OTHER_UNIT', 'FORBIDDEN', 'recipientId'))).toEqual({
      explanation: 'refusal.RECIPIENT_OTHER_UNIT',
      actions: ['handOver', 'discard'],
    });
    const handedOver = Object.entries(REVIEW_PLANS).filter(([, plan]) => plan.actions.includes('handOver'));
    expect(handedOver.map(([reason]) => reason)).toEqual(['RECIPIENT_OTHER_UNIT']);
  });

  it.each(['INVALID_TEXT', 'INVALID_ANSWERS', 'INVALID_ACTIONS', 'INVALID_DECLINE', 'INVALID_TIME', 'UNSTORABLE_VALUE', 'ACTION_ID_TAKEN'] as const)(
    'lets the worker open and correct a result refused for %s',
    (reason) => {
      expect(REVIEW_PLANS[reason].actions).toEqual(['correct', 'discard']);
    },
  );

  it('lets go of a refused closing of an action, which the server keeps open', () => {
    expect(refusalPlan(entry(null, 'FORBIDDEN', 'id', closing))).toEqual({ explanation: 'refusal.closing.gone', actions: ['discard'] });
    expect(refusalPlan(entry(null, 'BAD_USER_INPUT', 'input.note', closing))).toEqual({ explanation: 'refusal.closing.other', actions: ['discard'] });
  });

  it('reads the reason of an entry filed before the server named one from its code and field', () => {
    expect(reasonOf(entry(null, 'FORBIDDEN', 'recipientId'))).toBe('RECIPIENT_OTHER_UNIT');
    expect(reasonOf(entry(null, 'NOT_FOUND', 'templateVersionId'))).toBe('TEMPLATE_VERSION_UNAVAILABLE');
    expect(reasonOf(entry(null, 'BAD_USER_INPUT', 'answerValues.notes'))).toBe('INVALID_ANSWERS');
    expect(reasonOf(entry(null, 'CONFLICT', 'actions[2].clientId'))).toBe('ACTION_ID_TAKEN');
    expect(reasonOf(entry(null, 'CONFLICT', 'clientId'))).toBe('STORED_WITH_OTHER_CONTENT');
    expect(reasonOf(entry(null, 'INTERNAL_SERVER_ERROR'))).toBe('SERVER_FAILED');
    expect(reasonOf(entry(null, 'GRAPHQL_VALIDATION_FAILED'))).toBe('UNKNOWN');
    expect(reasonOf(entry('A_REASON_FROM_A_NEWER_SERVER', 'CONFLICT', 'somewhere'))).toBe('UNKNOWN');
  });

  it('keeps the explanations staff already know', () => {
    expect(translate('sv', refusalPlan(entry(null, 'INTERNAL_SERVER_ERROR')).explanation)).toContain('de andra har skickats');
    expect(translate('en', refusalPlan(entry('STORED_WITH_OTHER_CONTENT', 'CONFLICT', 'clientId')).explanation)).toContain(
      'This result is already on the server with different content',
    );
  });
});

describe('opening a refused result to correct it', () => {
  it('opens the question the server named, by key or by position in the answers sent', () => {
    expect(correctionTarget({ item: completed, field: 'answerValues.notes' }, template())).toEqual({ screen: 'review', itemKey: 'notes' });
    expect(correctionTarget({ item: completed, field: 'answers.alarm_present' }, template())).toEqual({ screen: 'review', itemKey: 'alarm_present' });
    expect(correctionTarget({ item: completed, field: 'answers[1].value' }, template())).toEqual({ screen: 'review', itemKey: 'notes' });
  });

  it('opens the summary for actions, times and faults without a question', () => {
    for (const field of ['actions[0].what', 'performedAt', null, 'answers.no_such_item']) {
      expect(correctionTarget({ item: completed, field }, template()), String(field)).toEqual({ screen: 'summary' });
    }
  });

  it('opens the decline form for a declined review', () => {
    expect(correctionTarget({ item: declined, field: 'declineReason' }, template())).toEqual({ screen: 'decline' });
  });

  it('makes a draft of the result with its answers, consent and actions, under the same client id', () => {
    const draft = draftFromRefused(completed, 'INVALID_ANSWERS', 3, '2026-03-11T08:00:00.000Z');
    expect(draft).toEqual({
      clientId: completed.payload.clientId,
      userId: 'user-anna',
      recipientId: 'recipient-1',
      recipientReference: 'HT-0001',
      templateVersionId: 'template-v1',
      answers: { alarm_present: 'no', notes: 'Mattor\u0085i hallen' },
      sectionIndex: 3,
      consentToShare: true,
      actions: [
        { clientId: 'action-1', itemKey: 'alarm_present', what: 'Köp brandvarnare', actor: 'resident', dueDate: '2026-04-01', declinedByClient: false },
      ],
      offeredAt: completed.payload.offeredAt,
      updatedAt: '2026-03-11T08:00:00.000Z',
    });
  });

  it('takes out of its texts the invisible characters the server refused, when that was the fault', () => {
    expect(draftFromRefused(completed, 'INVALID_TEXT', 0).answers['notes']).toBe('Mattori hallen');
    expect(withoutRefusedCharacters('a\u0000b\u0007c\u007fd\u0085e\ufffef\ud800g\u{1fffe}h\tk\nl\r\nm 🔥 \u202eö')).toBe('abcdefgh\tk\nl\r\nm 🔥 \u202eö');
  });

  it('gives the agreed actions new ids when the server holds theirs', () => {
    expect(draftFromRefused(completed, 'ACTION_ID_TAKEN', 0).actions[0]?.clientId).not.toBe('action-1');
  });

  it("finds the section of the question among the sections the review shows for the result's answers", () => {
    const t = template();
    const last = t.sections.length - 1;
    expect(sectionIndexOf(t, {}, 'notes')).toBe(last);
    expect(sectionIndexOf(t, {}, 'alarm_present')).toBe(0);
  });
});
