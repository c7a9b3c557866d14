import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { CLIENT_ERROR_CODES } from '../shared/error-codes.js';

/*
 * Issue 11 §3: a fuzzer that walks the committed SDL (graphql/schema.graphql) and sends generated
 * operations and variable sets, valid, nearly valid and hostile, as each caller. It collects problems
 * (not assertions) so that the test and `pnpm fuzz` share it: an INTERNAL_SERVER_ERROR, a stack trace or
 * file path in any answer, an HTTP 500, a refused mutation that changed a table, a /healthz that stops
 * answering, and a hostile document that is not refused at validation.
 */

export const SCHEMA_FILE = new URL('../../../../graphql/schema.graphql', import.meta.url);
export const loadSchema = (): GraphQLSchema => buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));

/** What leaks internals: a stack frame, a source or dependency path, the server's catch-all code. */
const LEAK = /INTERNAL_SERVER_ERROR|stacktrace|node_modules|\/src\/\w|\.[cm]?[jt]s:\d+|\n\s+at /;
const REFUSED_AT_VALIDATION = new Set(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

export interface Target {
  url: string;
  /** Access tokens by caller; no token is the anonymous caller. */
  tokens: Record<string, string | undefined>;
  /** Ids the callers can reach, so some generated operations get past the id checks. */
  ids: string[];
  /** One checksum per table (audit log excluded), to show a refused mutation changed nothing. */
  checksums(): Promise<Record<string, string>>;
}

export interface Answer {
  status: number;
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> } | null;
  ms: number;
}

export async function post(url: string, query: string, variables: unknown, token?: string): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  let body: Answer['body'] = null;
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    body = null;
  }
  return { status: response.status, text, body, ms };
}

/** Problems in one answer that are defects whatever was sent. */
export function leaks(answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
  const leak = LEAK.exec(answer.text);
  if (leak) problems.push(`leaks ${JSON.stringify(leak[0])}`);
  if (answer.body === null) problems.push(`answer is not JSON: ${answer.text.slice(0, 80)}`);
  for (const e of answer.body?.errors ?? []) {
    const code = e.extensions?.['code'];
    if (typeof code !== 'string' || !CLIENT_ERROR_CODES.has(code)) problems.push(`error code ${String(code)}: ${e.message.slice(0, 120)}`);
  }
  return problems;
}

// ---------------------------------------------------------------- hostile values

const SQL = [
  "' OR '1'='1",
  "'; DROP TABLE review; --",
  '1; SELECT pg_sleep(5)--',
  "x' UNION SELECT password_hash FROM app_user--",
  '$$; COPY x TO PROGRAM $$id',
  '\\x00',
];
const SCRIPT = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '{{7*7}}', '${process.env}', '__proto__', 'constructor'];
const UNICODE = ['före\u0000efter', 'x\ud800y', 'abc\u202Efdp.exe', `e${'\u0301'.repeat(2000)}`, '👩‍👩‍👧‍👦'.repeat(50), '\ufeff\u200b\u2066', 'Ａｄｍｉｎ', 'İı'];

const hostileString = fc.oneof(
  fc.constantFrom(...SQL, ...SCRIPT, ...UNICODE),
  fc.constantFrom(10_000, 100_000, 1_000_000).map((n) => 'x'.repeat(n)),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 1e308, -0, 0.5, 2 ** 53 + 1),
  fc.constantFrom(true, null, {}, [], { __proto__: { admin: true } }, { $where: '1' }, [[[[]]]]),
  fc.constantFrom(1_000, 10_000, 100_000).map((n) => Array.from({ length: n }, (_, i) => i)),
  fc.constantFrom('2026-02-30', '9999-99-99T99:99:99Z', '0000-00-00', 'NaN', 'Infinity', '00000000-0000-0000-0000-000000000000', randomUUID().toUpperCase()),
);

// ---------------------------------------------------------------- operations from the schema

interface Operation {
  kind: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
  document: string;
}

/** Leaf fields without required arguments, and one level into object fields: enough to run resolvers. */
function selection(type: GraphQLObjectType, depth: number): string {
  const parts = ['__typename'];
  for (const f of Object.values(type.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(f.type);
    if (isLeafType(named)) parts.push(f.name);
    else if (isObjectType(named) && depth < 2) parts.push(`${f.name} ${selection(named, depth + 1)}`);
  }
  return `{ ${parts.join(' ')} }`;
}

export function operations(schema: GraphQLSchema): Operation[] {
  const of = (kind: Operation['kind'], type: GraphQLObjectType | null | undefined) =>
    Object.values(type?.getFields() ?? {}).map((field) => {
      const named = getNamedType(field.type);
      const inner = isObjectType(named) ? selection(named, 0) : isLeafType(named) ? '' : '{ __typename }';
      const definitions = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
      const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const document = `${kind} Fuzz${definitions ? `(${definitions})` : ''} { ${field.name}${args ? `(${args})` : ''} ${inner} }`;
      return { kind, field, document };
    });
  return [...of('query', schema.getQueryType()), ...of('mutation', schema.getMutationType())];
}

type Mode = 'valid' | 'nearly' | 'hostile';

/** A value for `type`: plausible when `mode` is valid, with some leaves wrong or hostile otherwise. */
function valueFor(type: GraphQLInputType, mode: Mode, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  const leafMistake = mode === 'valid' ? 0 : mode === 'nearly' ? 1 : 3;
  const wrap = (plausible: fc.Arbitrary<unknown>) =>
    leafMistake === 0 ? plausible : fc.oneof({ arbitrary: plausible, weight: 4 }, { arbitrary: hostileValue, weight: leafMistake });
  const nullable = getNullableType(type) as GraphQLInputType;
  const optional = !isNonNullType(type);
  const maybe = (a: fc.Arbitrary<unknown>) => (optional ? fc.option(a, { nil: undefined, freq: 3 }) : a);
  if (isListType(nullable)) return maybe(fc.array(valueFor(nullable.ofType as GraphQLInputType, mode, ids, depth + 1), { maxLength: 3 }));
  if (isInputObjectType(nullable)) {
    if (depth > 5) return fc.constant({});
    const shape: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of Object.values(nullable.getFields())) shape[f.name] = valueFor(f.type, mode, ids, depth + 1);
    const extra = mode === 'valid' ? fc.constant({}) : fc.oneof(fc.constant({}), fc.constant({ notAField: 'x' }));
    return maybe(fc.tuple(fc.record(shape, { requiredKeys: [] }), extra).map(([a, b]) => ({ ...a, ...b })));
  }
  if (isEnumType(nullable)) return maybe(wrap(fc.constantFrom(...nullable.getValues().map((v) => v.value as unknown))));
  const plausible: Record<string, fc.Arbitrary<unknown>> = {
    String: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('personal@demo.hjulet.se', '2026', '2026-Q3', 'sakerhet-hjalpbehov')),
    ID: ids.length > 0 ? fc.constantFrom(...ids) : fc.uuid(),
    UUID: ids.length > 0 ? fc.oneof(fc.constantFrom(...ids), fc.uuid()) : fc.uuid(),
    Int: fc.integer({ min: -5, max: 100 }),
    Float: fc.double({ min: -5, max: 100, noNaN: true }),
    Boolean: fc.boolean(),
    DateTime: fc.date({ min: new Date('2020-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
    LocalDate: fc.constantFrom('2026-01-15', '2026-12-31'),
    JSONObject: fc.constantFrom({}, { title: { sv: 'x' } }),
  };
  return maybe(wrap(plausible[nullable.name] ?? fc.string({ maxLength: 10 })));
}

export interface Generated {
  caller: string;
  operation: number;
  mode: Mode;
  variables: Record<string, unknown>;
}

export function generated(ops: Operation[], callers: string[], ids: string[]): fc.Arbitrary<Generated> {
  return fc
    .record({ caller: fc.constantFrom(...callers), operation: fc.nat({ max: ops.length - 1 }), mode: fc.constantFrom<Mode>('valid', 'nearly', 'hostile') })
    .chain(({ caller, operation, mode }) => {
      const op = ops[operation] as Operation;
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const a of op.field.args) shape[a.name] = valueFor(a.type, mode, ids);
      return fc.record(shape, { requiredKeys: [] }).map((variables) => ({ caller, operation, mode, variables }));
    });
}

// ---------------------------------------------------------------- the hostile corpus

/** A path of object fields without required arguments that revisits a type: a way to nest without end. */
function nestingPath(schema: GraphQLSchema): string[] {
  const query = schema.getQueryType() as GraphQLObjectType;
  const freeObjectFields = (t: GraphQLObjectType) =>
    Object.values(t.getFields()).filter(
      (f) => isObjectType(getNamedType(f.type)) && !f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined),
    );
  // Breadth-first from Query to the first type seen twice on a path.
  const queue: Array<{ type: GraphQLObjectType; path: string[]; seen: string[] }> = [{ type: query, path: [], seen: [] }];
  while (queue.length > 0) {
    const { type, path, seen } = queue.shift() as (typeof queue)[number];
    for (const f of freeObjectFields(type)) {
      const next = getNamedType(f.type) as GraphQLObjectType;
      if (seen.includes(next.name)) return [...path, f.name];
      if (path.length < 6) queue.push({ type: next, path: [...path, f.name], seen: [...seen, next.name] });
    }
  }
  return [];
}

/**
 * Documents that must be refused before anything runs: too deep, too many aliases, fragment cycles,
 * misused directives, too many tokens, wrong literals, unknown fields and plain syntax errors. Made
 * deterministically (fast-check with a fixed seed), `count` of them.
 */
export function hostileCorpus(schema: GraphQLSchema, count = 520, seed = 11): string[] {
  const path = nestingPath(schema);
  const cycle = path.length > 0 ? path : ['__typename'];
  const deep = (depth: number, mutation: boolean) => {
    let body = '__typename';
    for (let i = depth; i > 0; i--) body = `${cycle[i % cycle.length]} { ${body} }`;
    return mutation ? `mutation { logout ${'{'} __typename } } query Deep { ${body} }` : `{ ${body} }`;
  };
  const makers: Array<fc.Arbitrary<string>> = [
    fc.integer({ min: 12, max: 80 }).map((d) => deep(d, false)),
    fc.integer({ min: 16, max: 400 }).map((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`),
    fc.integer({ min: 16, max: 200 }).map((n) => `mutation { ${Array.from({ length: n }, (_, i) => `a${i}: logout`).join(' ')} }`),
    fc.integer({ min: 2, max: 40 }).map((n) => `{ ...F0 } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ...F${(i + 1) % n} }`).join(' ')}`),
    fc
      .integer({ min: 1, max: 20 })
      .map((n) => `mutation M { ...F0 } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Mutation { ...F${(i + 1) % n} }`).join(' ')}`),
    fc.integer({ min: 21, max: 300 }).map((n) => `{ __typename ${'@include(if: true) '.repeat(n)}}`),
    fc.constantFrom(
      '{ __typename @include }',
      '{ __typename @skip(if: "yes") }',
      '{ __typename @notADirective }',
      'query @include(if: true) { __typename }',
      '{ __typename @deprecated }',
      'query ($v: Boolean) { __typename @include(if: $w) }',
      'query ($v: String) { __typename @skip(if: $v) }',
      'mutation { logout @specifiedBy(url: "x") }',
    ),
    fc.integer({ min: 3001, max: 6000 }).map((n) => `{ ${'__typename '.repeat(n)}}`),
    fc
      .tuple(fc.constantFrom(...SQL, ...SCRIPT), fc.constantFrom('careRecipient(id: %s) { id }', 'review(id: %s) { id }', 'notAField(x: %s)'))
      .map(([payload, shape]) => `{ ${shape.replace('%s', JSON.stringify(payload))} }`),
    fc
      .tuple(fc.constantFrom('careRecipient', 'review', 'templateVersion'), fc.constantFrom('123', 'true', '{ a: 1 }', '[1, 2]', 'null'))
      .map(([f, literal]) => `{ ${f}(id: ${literal}) { id } }`),
    fc.constantFrom(
      '{ careRecipient { id } }',
      'query ($x: Int) { __typename }',
      '{ __typename(arg: 1) }',
      'subscription { x }',
      '{ ...Missing }',
      'query A { __typename } query A { __typename }',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).map((s) => `{ ${s.replace(/[{}]/g, '')} "unterminated`),
    fc.constantFrom(...UNICODE).map((u) => `{ ${u.slice(0, 200)} }`),
  ];
  return fc.sample(fc.oneof(...makers), { numRuns: count, seed });
}

// ---------------------------------------------------------------- the run

export interface FuzzReport {
  seed: number;
  operations: number;
  refusedMutations: number;
  acceptedMutations: number;
  corpus: number;
  refusalP99Ms: number;
  problems: string[];
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

function diff(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** Sends the corpus as each caller in turn: every document refused at validation, nothing written. */
export async function sendCorpus(target: Target, corpus: string[]): Promise<{ problems: string[]; times: number[] }> {
  const problems: string[] = [];
  const times: number[] = [];
  const callers = Object.keys(target.tokens);
  const before = await target.checksums();
  for (const [i, document] of corpus.entries()) {
    const caller = callers[i % callers.length] as string;
    const answer = await post(target.url, document, {}, target.tokens[caller]);
    times.push(answer.ms);
    const where = `corpus[${i}] as ${caller} (${document.slice(0, 60)}…)`;
    for (const p of leaks(answer)) problems.push(`${where}: ${p}`);
    const codes = (answer.body?.errors ?? []).map((e) => String(e.extensions?.['code']));
    if (codes.length === 0 || !codes.every((c) => REFUSED_AT_VALIDATION.has(c)) || answer.body?.data != null)
      problems.push(`${where}: not refused at validation (HTTP ${answer.status}, ${codes.join(',') || 'no errors'})`);
  }
  const changed = diff(before, await target.checksums());
  if (changed.length > 0) problems.push(`the corpus changed ${changed.join(', ')}`);
  return { problems, times };
}

/**
 * Runs `count` generated operations; each refused mutation's tables are compared before and after, and
 * /healthz is asked every 50 operations. Problems are collected, at most a few per kind, with the seed.
 */
export async function fuzz(
  target: Target,
  options: { count: number; seed: number; corpus?: number; onProgress?: (done: number) => void },
): Promise<FuzzReport> {
  const schema = loadSchema();
  const ops = operations(schema);
  const callers = Object.keys(target.tokens);
  const samples = fc.sample(generated(ops, callers, target.ids), { numRuns: options.count, seed: options.seed });
  const problems: string[] = [];
  const kinds = new Map<string, number>();
  const note = (kind: string, problem: string) => {
    const n = (kinds.get(kind) ?? 0) + 1;
    kinds.set(kind, n);
    if (n <= 3) problems.push(problem);
  };
  let refusedMutations = 0;
  let acceptedMutations = 0;
  for (const [i, sample] of samples.entries()) {
    const op = ops[sample.operation] as Operation;
    const before = op.kind === 'mutation' ? await target.checksums() : null;
    const answer = await post(target.url, op.document, sample.variables, target.tokens[sample.caller]);
    const where = `#${i} ${sample.mode} ${op.field.name} as ${sample.caller}`;
    for (const p of leaks(answer)) note(`${op.field.name}:${p.slice(0, 30)}`, `${where}: ${p} — variables ${JSON.stringify(sample.variables).slice(0, 200)}`);
    if (before) {
      const refused = (answer.body?.errors ?? []).some((e) => (e.path?.length ?? 0) <= 1) || answer.body?.data == null;
      if (refused) {
        refusedMutations += 1;
        const changed = diff(before, await target.checksums());
        if (changed.length > 0) note(`${op.field.name}:wrote`, `${where}: refused but changed ${changed.join(', ')}`);
      } else acceptedMutations += 1;
    }
    if (i % 50 === 49) {
      if (!(await healthy(target.url))) note('health', `#${i}: /healthz did not answer`);
      options.onProgress?.(i + 1);
    }
  }
  let refusalP99Ms = 0;
  let corpusSize = 0;
  if (options.corpus) {
    const corpus = hostileCorpus(schema, options.corpus);
    corpusSize = corpus.length;
    const sent = await sendCorpus(target, corpus);
    for (const p of sent.problems) note(`corpus:${p.replace(/corpus\[\d+\]/, '')}`.slice(0, 60), p);
    refusalP99Ms = percentile(sent.times, 99);
  }
  if (!(await healthy(target.url))) note('health', 'after the run: /healthz did not answer');
  for (const [kind, n] of kinds) if (n > 3) problems.push(`… and ${n - 3} more of ${kind}`);
  return { seed: options.seed, operations: samples.length, refusedMutations, acceptedMutations, corpus: corpusSize, refusalP99Ms, problems };
}
