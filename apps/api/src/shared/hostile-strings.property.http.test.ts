import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES } from '../../test/support/authorization-matrix.cases.js';
import { goalIn, riskIn, unitFollowUpIn } from '../../test/support/authorization-matrix.plan-cases.js';
import { feedbackCaseIn } from '../../test/support/authorization-matrix.feedback-cases.js';
import { routineActivityIn, routineIn } from '../../test/support/authorization-matrix.routine-cases.js';
import { demoSurveyId } from '../../test/support/authorization-matrix.survey-cases.js';
import { findingIn, planIn } from '../../test/support/authorization-matrix.self-check-cases.js';
import { buildWorld, CALLERS, definitionWithKey, safeAnswers, unique, type Caller, type World } from '../../test/support/authorization-matrix.world.js';
import { buildAppSchema } from '../schema/build-schema.js';
import { DEMO_PASSWORD } from '../seed/demo-seed.js';
import { completeAnswers, reviewInput } from '../../test/support/factories.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../../test/support/test-server.js';
import { invalidCharacterIn } from './input-strings.js';

/*
 * Issue 7, defect 1: hostile text in every string argument and input field of the schema, walked from
 * the schema itself, as every caller. Each operation is called with all its arguments as variables, one
 * string position made hostile at a time: never INTERNAL_SERVER_ERROR or a stack trace, text the policy
 * refuses is refused naming its path, and a refused mutation writes nothing.
 */

type Key = string | number;
interface Variable {
  name: string;
  argument: string;
  type: GraphQLInputType;
  optional: boolean;
}
interface Operation {
  kind: 'query' | 'mutation';
  name: string;
  document: string;
  variables: Variable[];
}
interface Position {
  operation: Operation;
  variable: string;
  path: Key[];
  field: string;
}

/** Positions whose text must have one form (a period key, a kommunkod, an email address, a phone number): other text is refused there. */
const PARSED_KEYS = new Set([
  'indicators:period.from',
  'indicators:period.to',
  'coverageWorkList:period',
  'feedbackUnits:municipality',
  'submitFeedback:input.municipality',
  'submitFeedback:input.contactEmail',
  'submitFeedback:input.contactPhone',
  'registerFeedback:input.contactEmail',
  'registerFeedback:input.contactPhone',
  // A routine's link to a checklist item is by key: a key, or refused.
  'createRoutine:input.templateKey',
  'createRoutine:input.itemKey',
  'reviseRoutine:input.templateKey',
  'reviseRoutine:input.itemKey',
  // A self-check's answers are keyed by the checklist's items: the JSON walker's path (title.sv) is no item, so any text is refused there.
  'recordSelfCheck:input.answers.title.sv',
]);
const CLIENT_CODES = ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'GRAPHQL_VALIDATION_FAILED'];
const HOSTILE: Record<string, string> = {
  'a NUL': 'före\u0000efter',
  'an unpaired surrogate': 'x\ud800y',
  'a right-to-left override': 'abc\u202Efdp.exe',
  '10,000 combining marks': `e${'\u0301'.repeat(10_000)}`,
  'ZWJ emoji sequences': '👩‍👩‍👧‍👦🏳️‍🌈'.repeat(20),
  '100 kB': 'x'.repeat(100 * 1024),
};

/** A selection of every field with arguments below `type` (a few levels down), so nested arguments are reached too. */
function selection(type: GraphQLObjectType, prefix: string, variables: Operation['variables'], depth: number): string {
  const parts = ['__typename'];
  if (depth > 4) return `{ __typename }`;
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    const args = field.args.map((a) => {
      const name = `${prefix}${field.name}_${a.name}`;
      variables.push(variableFor(name, a));
      return `${a.name}: $${name}`;
    });
    const inner = isObjectType(named) ? selection(named, `${prefix}${field.name}_`, variables, depth + 1) : '';
    if (args.length > 0 || inner.includes('$')) parts.push(`${field.name}${args.length ? `(${args.join(', ')})` : ''} ${inner}`);
  }
  return `{ ${parts.join(' ')} }`;
}

const variableFor = (name: string, a: GraphQLArgument): Variable => ({
  name,
  argument: a.name,
  type: a.type,
  optional: !isNonNullType(a.type) || a.defaultValue !== undefined,
});

function operationFor(kind: Operation['kind'], field: GraphQLField<unknown, unknown>): Operation {
  const variables: Operation['variables'] = field.args.map((a: GraphQLArgument) => variableFor(a.name, a));
  const named = getNamedType(field.type);
  const outcome = field.name === 'submitReviews' ? ' outcome error { code field }' : '';
  const inner = isObjectType(named) ? selection(named, `${field.name}_`, variables, 1).replace(/^\{/, `{${outcome}`) : '';
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  // An argument with a default takes a nullable variable: left out, the default applies.
  const definitions = variables.map((v) => `$${v.name}: ${String(v.optional ? getNullableType(v.type) : v.type)}`).join(', ');
  return {
    kind,
    name: field.name,
    variables,
    document: `${kind} ${definitions ? `(${definitions})` : ''} { ${field.name}${args ? `(${args})` : ''} ${inner} }`,
  };
}

/** Every place a string can go in a value of `type`: String and ID, and inside JSON. */
function stringPaths(type: GraphQLInputType, depth = 0): Key[][] {
  const inner = getNullableType(type);
  if (isListType(inner)) return stringPaths(inner.ofType, depth).map((p) => [0, ...p]);
  if (isInputObjectType(inner)) {
    if (depth > 4) return [];
    return Object.values(inner.getFields()).flatMap((f) => stringPaths(f.type, depth + 1).map((p) => [f.name, ...p]));
  }
  if (inner.name === 'String' || inner.name === 'ID') return [[]];
  if (inner.name === 'JSONObject')
    return [
      ['title', 'sv'],
      ['sections', 0, 'items', 0, 'text', 'en'],
      ['description', 'sv'],
    ];
  return [];
}

const fieldName = (argument: string, path: Key[]) => path.reduce<string>((at, k) => (typeof k === 'number' ? `${at}[${k}]` : `${at}.${k}`), argument);

let server: TestServer;
let world: World;
let positions: Position[];

beforeAll(async () => {
  server = await startTestServer();
  world = await buildWorld(server);
  const schema = await buildAppSchema();
  const operations = [
    ...Object.values(schema.getQueryType()?.getFields() ?? {}).map((f) => operationFor('query', f)),
    ...Object.values(schema.getMutationType()?.getFields() ?? {}).map((f) => operationFor('mutation', f)),
  ];
  positions = operations.flatMap((operation) =>
    operation.variables.flatMap((v) => stringPaths(v.type).map((path) => ({ operation, variable: v.name, path, field: fieldName(v.argument, path) }))),
  );
});
afterAll(() => server?.close());

/** Optional input fields without which the rest of the input is refused (staff need a unit). */
const FILLED_OPTIONAL: Record<string, string[]> = { CreateUserInput: ['unitId'], RecordFollowUpInput: ['unitId'], RoutineInput: ['unitId'] };

/** A value for a variable that the operation would accept, or near enough: ids in the caller's reach, unique names. */
async function baseValue(operation: string, name: string, type: GraphQLInputType): Promise<unknown> {
  const norr = world.places.Norr;
  const named = getNamedType(type);
  const byName: Record<string, () => unknown> = {
    recipientId: () => norr.recipientId,
    careRecipientId: () => norr.recipientId,
    unitId: () => norr.unitId,
    areaId: () => norr.areaId,
    administrationId: () => norr.administrationId,
    ownerId: () => norr.staffId,
    templateVersionId: () => world.templateVersionId,
    email: () => `${unique('ny')}@demo.hjulet.se`,
    password: () => DEMO_PASSWORD,
    code: () => unique('OMR'),
    period: () => '2026',
    templateKey: () => 'sakerhet-hjalpbehov',
    refreshToken: () => 'not-a-token',
    answers: () => safeAnswers(),
    definition: () => definitionWithKey(),
    outcome: () => 'DONE',
    actor: () => 'RESIDENT',
    role: () => 'STAFF',
    housingType: () => 'HOUSE',
    status: () => 'COMPLETED',
    what: () => 'Ta bort lösa mattor',
    // The quality wheel: a goal, a unit's follow-up that fell short and a risk, all in Norr.
    goalId: () => goalIn(world, 'Norr'),
    followUpId: () => unitFollowUpIn(world, 'Norr'),
    riskId: () => riskIn(world, 'Norr'),
    qualityDimension: () => 'sakerhet',
    year: () => 2026,
    targetValue: () => 1,
    causes: () => ['EQUIPMENT'],
    dueDate: () => '2026-12-31',
    occurredOn: () => '2026-01-15',
    // Feedback: the demo municipality's kommunkod.
    municipality: () => '0581',
    // Routines: the register's activity and process, and a routine, in Norr.
    activityId: async () => (await routineActivityIn(world, 'Norr')).activityId,
    processId: async () => (await routineActivityIn(world, 'Norr')).processId,
    routineId: () => routineIn(world, 'Norr'),
    reviewOn: () => '2030-06-30',
    // User surveys: a one-row file for Norr, and the demo's national survey with one of its questions.
    source: () => 'OWN',
    csv: () => `Enhet;Fråga;Andel positiva;Antal svar\n${norr.unitId};${unique('Fråga')};80;20\n`,
    surveyId: () => demoSurveyId(world),
    question: () => 'Brukar personalen behandla dig med respekt?',
    // Self-checks: a plan of Norr, a finding of a check of it, an action's due date.
    planId: () => planIn(world, 'Norr'),
    findingId: () => findingIn(world, 'Norr'),
    dueOn: () => '2030-06-30',
  };
  // A self-check's answers are one JSON object by item key (a review's are a list).
  if (operation === 'recordSelfCheck' && name === 'answers') return completeAnswers();
  if (operation === 'submitReviews' && name === 'input')
    return [
      reviewInput(norr.recipientId, world.templateVersionId, {
        actions: [{ clientId: randomUUID(), itemKey: 'trip_hazards', what: 'Mattor', actor: 'RESIDENT' }],
      }),
    ];
  // Erasure makes its recipient inactive for good: a fresh one each time, so later fixtures can still use Norr's.
  if (operation === 'eraseCareRecipient' && name === 'careRecipientId') return world.recipient('Norr');
  if (name === 'reviewId') return ['completeReview', 'saveReviewAnswers', 'declineReview'].includes(operation) ? world.offeredReview('Norr') : norr.reviewId;
  if (name === 'versionId') return (await world.draftVersion()).id;
  if (name === 'id') {
    if (operation.includes('FollowUpAction')) return world.openAction('Norr');
    if (operation === 'routeFeedback') return feedbackCaseIn(world, 'Norr', false);
    if (operation === 'answerFeedback') return feedbackCaseIn(world, 'Norr', true);
    if (operation === 'reviseRoutine' || operation === 'routine') return routineIn(world, 'Norr');
    return (
      { review: norr.reviewId, templateVersion: world.templateVersionId, careRecipient: norr.recipientId, updateCareRecipient: norr.recipientId }[operation] ??
      randomUUID()
    );
  }
  // By name for leaf values only: `period` is a String in one operation and a PeriodInput in another.
  if (name in byName && !isInputObjectType(named)) return byName[name]?.();
  if (isListType(getNullableType(type))) return [];
  if (!isNonNullType(type) && !isInputObjectType(named)) return undefined;
  if (isInputObjectType(named)) {
    const value: Record<string, unknown> = {};
    for (const f of Object.values(named.getFields())) {
      const required = isNonNullType(f.type) && f.defaultValue === undefined;
      if (!required && !(FILLED_OPTIONAL[named.name] ?? []).includes(f.name)) continue;
      value[f.name] = await baseValue(operation, f.name, f.type);
    }
    return value;
  }
  if (named.name === 'UUID') return randomUUID();
  if (named.name === 'Boolean') return true;
  if (named.name === 'Int' || named.name === 'Float') return 5;
  if (named.name === 'DateTime') return new Date(Date.now() - 3600_000).toISOString();
  if (isLeafType(named) && 'getValues' in named) return named.getValues()[0]?.value;
  return unique('Text');
}

/** `base` with `text` at `path`, filling in what is missing on the way (a first list item, an optional input). */
async function withText(position: Position, text: string): Promise<Record<string, unknown>> {
  const base: Record<string, unknown> = {};
  for (const v of position.operation.variables) {
    const value = v.optional ? undefined : await baseValue(position.operation.name, v.argument, v.type);
    if (value !== undefined) base[v.name] = value;
  }
  if (position.operation.name === 'updateTemplateDraft') {
    const draft = await world.draftVersion();
    Object.assign(base, { versionId: draft.id, definition: draft.definition });
  }
  // A copy: factories share objects (the seed template) that must not carry the hostile text onwards.
  const variables = structuredClone(base);
  const variable = position.operation.variables.find((v) => v.name === position.variable);
  if (position.path.length === 0) {
    variables[position.variable] = text;
    return variables;
  }
  let type = getNullableType(variable?.type) as GraphQLInputType;
  let holder = (variables[position.variable] ??= isListType(type) ? [] : {}) as Record<Key, unknown>;
  for (const [i, key] of position.path.entries()) {
    const last = i === position.path.length - 1;
    const nextType = isListType(type) ? type.ofType : isInputObjectType(type) ? type.getFields()[key as string]?.type : undefined;
    if (last) {
      holder[key] = text;
      break;
    }
    if (holder[key] === undefined || holder[key] === null) {
      holder[key] =
        nextType && isInputObjectType(getNullableType(nextType))
          ? await baseValue(position.operation.name, String(key), getNullableType(nextType) as GraphQLInputType)
          : typeof position.path[i + 1] === 'number'
            ? []
            : {};
    }
    holder = holder[key] as Record<Key, unknown>;
    type = (nextType ? getNullableType(nextType) : type) as GraphQLInputType;
  }
  return variables;
}

/** Checks one call; whether the text was accepted (and so reached the database). */
async function check(position: Position, caller: Caller, text: string): Promise<boolean> {
  const { operation } = position;
  const variables = await withText(position, text);
  const before = operation.kind === 'mutation' ? await server.tableCounts() : null;
  const res: GraphQLResponse = await server.gql(operation.document, variables, world.token(caller));
  const context = `${caller} · ${operation.name} · ${position.field} · ${JSON.stringify(text.slice(0, 20))}…(${text.length})`;

  expect(res.status, context).toBeLessThan(500);
  expect(JSON.stringify(res), context).not.toMatch(/stacktrace|INTERNAL_SERVER_ERROR|node_modules/);
  for (const error of res.errors ?? []) expect(CLIENT_CODES, `${context}: ${error.message}`).toContain(error.extensions?.code);

  const results = (res.data?.['submitReviews'] ?? []) as Array<{ outcome: string; error: { code: string; field: string } | null }>;
  // An error on a nested field (e.g. reviewStatus(period) below a created recipient) comes after a whole write.
  const refused = (res.errors ?? []).some((e) => (e.path?.length ?? 0) <= 1) || results.some((r) => r.outcome === 'REJECTED');
  if (invalidCharacterIn(text)) {
    expect(refused, context).toBe(true);
    if (operation.name !== 'submitReviews') expect(res.errors?.[0]?.extensions, context).toMatchObject({ code: 'BAD_USER_INPUT', field: position.field });
    else if (!res.errors) expect(results[0]?.error, context).toMatchObject({ code: 'BAD_USER_INPUT', field: position.field.replace(/^input\[0\]\./, '') });
  }
  if (before && refused) expect(await server.tableCounts(), `${context} changed nothing`).toEqual(before);
  return !refused;
}

/** A caller that gets past @Authorized, so the text reaches the service and the database. */
function admittedCaller(operation: string): Caller {
  const roles = CASES.find((c) => c.operation === operation)?.roles;
  return roles === undefined || roles === 'public' ? 'anonymous' : (roles[0] as Caller);
}

describe('hostile text in every string position of the schema', () => {
  it('finds string positions in every operation that takes text, nested arguments and JSON included', () => {
    const fields = new Set(positions.map((p) => `${p.operation.name}:${p.field}`));
    for (const expected of [
      'login:email',
      'closeFollowUpAction:input.note',
      'createUser:input.displayName',
      'auditEvents:entityId',
      'careRecipient:templateKey',
      'submitReviews:input[0].actions[0].what',
      'importTemplate:definition.title.sv',
    ])
      expect(fields).toContain(expected);
    expect(positions.length).toBeGreaterThan(40);
  });

  for (const [name, text] of Object.entries(HOSTILE)) {
    it(`answers ${name} in each position, as a caller let in, with a client error or a clean write`, async () => {
      let accepted = 0;
      for (const position of positions) if (await check(position, admittedCaller(position.operation.name), text)) accepted += 1;
      // The calls are valid enough that text the policy keeps gets through to the database in most positions.
      // Period keys (2026, 2026-Q3), kommunkoder, email addresses and phone numbers are parsed: any other text is refused there, so they are not counted.
      const textPositions = positions.filter((p) => !PARSED_KEYS.has(`${p.operation.name}:${p.field}`)).length;
      if (!invalidCharacterIn(text)) expect(accepted).toBeGreaterThan(textPositions / (text.length > 1000 ? 8 : 2));
    });
  }

  it('answers random hostile text in random positions, as every caller', async () => {
    const piece = fc.oneof(
      fc.constantFrom(...Object.values(HOSTILE).filter((t) => t.length < 1000)),
      fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
      fc.constantFrom('\ufdd0', '\ufffe', '\u{10ffff}', '\u202e', '\u2066', '\u200d', '\u0085', '\u007f'),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
    );
    const hostile = fc.array(piece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: positions.length - 1 }), fc.constantFrom(...CALLERS), hostile, async (index, caller, text) => {
        await check(positions[index] as Position, caller, text);
      }),
      { numRuns: 120 },
    );
  });
});
