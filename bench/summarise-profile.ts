/**
 * Where a .cpuprofile's time went: `tsx summarise-profile.ts file.cpuprofile` (UNDER=<function> also lists
 * the self time inside that function). Prints the self time by area (a library or our module), the
 * inclusive time of the submit path's stages, and the top functions.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const profile = JSON.parse(readFileSync(process.argv[2] ?? 'submit.cpuprofile', 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const samples = profile.samples.map((id, i) => ({ id, us: profile.timeDeltas[i + 1] ?? 0 }));
const name = (n: ProfileNode) => n.callFrame.functionName || '(anonymous)';
const file = (n: ProfileNode) => n.callFrame.url.replace(/.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/.*wt-[a-z]+\//, '');
const stack = (id: number) => {
  const frames: ProfileNode[] = [];
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) frames.push(nodes.get(at) as ProfileNode);
  return frames;
};

const AREAS: Array<[string, RegExp]> = [
  [
    'graphql-js: input coercion',
    /graphql\/(utilities\/coerceInputValue|execution\/values|jsutils\/(instanceOf|inspect|Path|isObjectLike|isIterableObject)|type\/definition)/,
  ],
  ['graphql-js: execution', /graphql\/execution/],
  ['graphql-js: parse/validate', /\/graphql\//],
  ['graphql-scalars (UUID, DateTime)', /graphql-scalars/],
  ['class-validator', /class-validator|validator\/lib/],
  ['type-graphql (args to instances)', /type-graphql/],
  ['apollo server', /@apollo|graphql-armor|escape\.tech/],
  ['typeorm', /typeorm/],
  ['pg driver', /^(pg|pg-protocol|pg-types|pg-pool|postgres-array|postgres-date|postgres-interval|buffer-writer)\//],
  ['pglite', /pglite/],
  ['express, body parsing', /(express|body-parser|raw-body|iconv|bytes|router|on-finished)/],
  ['compression (gzip)', /(compression|negotiator|zlib)/],
  ['packages/domain', /packages\/domain/],
  ['api: reviews', /apps\/api\/src\/reviews/],
  ['api: other', /apps\/api\/src/],
  ['test client', /bench\/|undici/],
  ['node internals', /^node:|internal\//],
];
const areaOf = (n: ProfileNode) => {
  const url = n.callFrame.url;
  if (!url) {
    const fn = name(n);
    if (fn === '(garbage collector)') return 'GC';
    if (fn === '(idle)' || fn === '(program)') return fn;
    if (/^(JSON|stringify|parse)/.test(fn)) return 'native JSON';
    if (/zlib|deflate|gzip|Zlib/i.test(fn)) return 'compression (gzip)';
    return `native: ${fn}`;
  }
  return AREAS.find(([, re]) => re.test(file(n)))?.[0] ?? `other: ${file(n).split('/').slice(0, 2).join('/')}`;
};

const bump = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);
const byArea = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
let idle = 0;
for (const { id, us } of samples) {
  const n = nodes.get(id) as ProfileNode;
  total += us;
  if (name(n) === '(idle)') idle += us;
  bump(byArea, areaOf(n), us);
  bump(byFunction, `${name(n)} ${file(n)}:${n.callFrame.lineNumber + 1}`, us);
}
const busy = total - idle;

// Library paths without pnpm's store folder, whose name lists the peers (type-graphql@…_graphql-scalars@…).
const path = (n: ProfileNode) => file(n);
// Inclusive time of named stages: a sample counts once if any frame of its stack matches.
const STAGES: Array<[string, (n: ProfileNode) => boolean]> = [
  ['body-parser JSON (request)', (n) => /body-parser/.test(path(n)) && name(n) === 'parse'],
  ['graphql coerceVariableValues (input coercion)', (n) => name(n) === 'coerceVariableValues'],
  ['  graphql-scalars parseValue', (n) => /graphql-scalars/.test(path(n))],
  ['type-graphql convertArgsToInstance', (n) => /convert-args/.test(path(n)) && /convertArgsToInstance|convertArgToInstance/.test(name(n))],
  ['type-graphql validateArg (class-validator)', (n) => /validate-arg/.test(path(n))],
  ['ReviewService.submit (sync part)', (n) => name(n) === 'submit' && /review\.service/.test(path(n))],
  ['  prepareSubmission', (n) => name(n) === 'prepareSubmission'],
  ['    validateAnswers', (n) => name(n) === 'validateAnswers'],
  ['    deriveRisks', (n) => name(n) === 'deriveRisks'],
  ['    submissionFingerprint', (n) => name(n) === 'submissionFingerprint'],
  ['    answersFromList', (n) => name(n) === 'answersFromList'],
  ['  saveFinished (params)', (n) => name(n) === 'saveFinished'],
  ['pg: serialise params (prepareValue)', (n) => /pg\/lib\/utils/.test(path(n))],
  ['pg: parse result rows', (n) => /pg\/lib\/result|pg-types|postgres-date/.test(path(n))],
  ['reviewFromRow', (n) => name(n) === 'reviewFromRow'],
  ['pglite (in-process database)', (n) => /pglite/.test(path(n)) || /^wasm/.test(path(n))],
  ['graphql completeValue (response)', (n) => name(n) === 'completeValue' && /execution\/execute/.test(path(n))],
  ['  risks field (DataLoader)', (n) => name(n) === 'risks'],
  ['apollo prettyJSONStringify (response)', (n) => name(n) === 'prettyJSONStringify'],
  ['compression (gzip)', (n) => /compression/.test(path(n)) || /zlib/i.test(path(n))],
  ['audit.record', (n) => name(n) === 'record' && /audit/.test(path(n))],
];
const stages = new Map<string, number>();
for (const { id, us } of samples) {
  const frames = stack(id);
  for (const [label, test] of STAGES) if (frames.some(test)) bump(stages, label, us);
}

const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(6)} ms ${((100 * us) / busy).toFixed(1).padStart(5)}%`;
const show = (rows: Map<string, number>, limit: number) =>
  [...rows]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .forEach(([k, us]) => console.log(`${ms(us)}  ${k}`));
console.log(`profiled ${(total / 1000).toFixed(0)} ms, of which busy (not idle) ${(busy / 1000).toFixed(0)} ms; percentages are of busy time`);
console.log('\n-- self time by area');
show(byArea, 24);
console.log('\n-- inclusive time of stages');
for (const [label] of STAGES) console.log(`${ms(stages.get(label) ?? 0)}  ${label}`);
const under = process.env['UNDER'];
if (under) {
  const inside = new Map<string, number>();
  for (const { id, us } of samples) {
    const n = nodes.get(id) as ProfileNode;
    if (stack(id).some((frame) => name(frame) === under)) bump(inside, `${name(n)} ${file(n)}`, us);
  }
  console.log(`\n-- self time under ${under}`);
  show(inside, 25);
}
console.log('\n-- top functions (self)');
show(byFunction, 30);
