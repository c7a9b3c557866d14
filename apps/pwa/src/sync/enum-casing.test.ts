import { ACTORS, ANSWER_TYPES } from '@hjulet/domain';
import { buildSchema, isEnumType, type GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import schemaSdl from '../../../../graphql/schema.graphql?raw';
import type { OutboxCloseAction, ReviewPayload } from '../data/db.js';
import { closingToWire, fromWire, reviewToWire, toWire, userFromWire } from './enum-casing.js';

const schema = buildSchema(schemaSdl);
const enums = Object.values(schema.getTypeMap()).filter((type): type is GraphQLEnumType => isEnumType(type) && !type.name.startsWith('__'));
const valuesOf = (name: string): string[] =>
  enums
    .find((e) => e.name === name)
    ?.getValues()
    .map((v) => v.name) ?? [];

describe('the one place where enum values change case', () => {
  it('finds the enums of the committed schema', () => {
    expect(enums.map((e) => e.name)).toEqual(expect.arrayContaining(['Actor', 'HousingType', 'ReviewStatus', 'Role', 'SubmissionOutcome', 'ActionOutcome']));
  });

  it.each(enums.map((e) => [e.name, e] as const))('round-trips every value of %s between the wire and the phone', (_name, enumType) => {
    for (const { name } of enumType.getValues()) {
      const onPhone = fromWire(name);
      expect(onPhone).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(toWire(onPhone)).toBe(name);
    }
  });

  it("sends every one of the domain's actors and answer types as a value of the schema's enum", () => {
    expect(ACTORS.map(toWire).sort()).toEqual(valuesOf('Actor').sort());
    expect(ANSWER_TYPES.map(toWire).sort()).toEqual(valuesOf('AnswerType').sort());
  });

  it("turns a review kept on the phone into the schema's values, and nothing else", () => {
    const review: ReviewPayload = {
      clientId: 'c1',
      recipientId: 'r1',
      templateVersionId: 't1',
      status: 'completed',
      answers: [{ itemKey: 'stove_forgotten', value: 'yes' }],
      offeredAt: '2025-03-10T09:00:00.000Z',
      performedAt: '2025-03-10T09:30:00.000Z',
      actions: ACTORS.map((actor, i) => ({ clientId: `a${i}`, itemKey: 'stove_forgotten', what: 'Spisvakt', actor, dueDate: null, declinedByClient: false })),
    };

    const wire = reviewToWire(review);

    expect(valuesOf('SubmittedReviewStatus')).toContain(wire.status);
    expect(wire.actions?.map((a) => a.actor).sort()).toEqual(valuesOf('Actor').sort());
    expect(wire.answers).toBeUndefined();
    expect(wire.answerValues).toEqual({ stove_forgotten: 'yes' });
  });

  it("sends a closing's outcome as a value of ActionOutcome", () => {
    const outcomes: Array<OutboxCloseAction['payload']['outcome']> = ['done', 'not_needed', 'declined'];
    expect(outcomes.map((outcome) => closingToWire({ actionId: 'a1', outcome, note: null }).input.outcome).sort()).toEqual(valuesOf('ActionOutcome').sort());
  });

  it("keeps the logged-in user's role as the phone spells it", () => {
    expect(userFromWire({ id: 'u1', displayName: 'Anna', role: 'UNIT_MANAGER', unitId: null, email: 'a@example.se' }).role).toBe('unit_manager');
  });
});
