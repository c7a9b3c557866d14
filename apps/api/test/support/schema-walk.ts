import { randomUUID } from 'node:crypto';
import {
  getNamedType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  isAbstractType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import type { Principal } from '../../src/auth/principal.js';
import type { PartnerPrincipal } from '../../src/partners/partner-principal.js';
import { createLoaders, type Services } from '../../src/services.js';
import type { GraphQLContext } from '../../src/shared/context.js';
import { createLogger } from '../../src/shared/logger.js';

/*
 * The builders of the tests that walk the whole schema ("a partner reaches nothing else", "a lex Sarah
 * report is unreadable outside its group"): a value for every input type, a selection of every field to a
 * depth, a document per root field, and a context to execute it with directly (no HTTP, no rate limit).
 */

export type RootKind = 'query' | 'mutation';
export interface RootField {
  kind: RootKind;
  field: GraphQLField<unknown, unknown>;
  /** `query deviation`, `mutation login`: how the walks name and report a field. */
  name: string;
}

/** Every root query and mutation of the schema. */
export function rootFields(schema: GraphQLSchema): RootField[] {
  return (['query', 'mutation'] as const).flatMap((kind) => {
    const type = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
    return Object.values(type?.getFields() ?? {}).map((field) => ({ kind, field, name: `${kind} ${field.name}` }));
  });
}

export interface SampleOptions {
  /** A value for an argument or input field of this name (a record's id, say), used wherever one is; undefined for none. */
  pointed?: (name: string) => unknown;
  /** What a String gets: some resolvers parse strings (a period), so a walk picks one they accept. */
  string?: string;
}

const SCALAR_SAMPLES = (string: string): Record<string, unknown> => ({
  UUID: randomUUID(),
  ID: randomUUID(),
  String: string,
  Int: 1,
  Float: 1,
  Boolean: true,
  JSONObject: {},
  DateTime: '2026-01-01T00:00:00Z',
  LocalDate: '2026-01-01',
  Date: '2026-01-01',
});

/**
 * A value of an input type good enough to get past validation to the resolver: required input fields
 * filled, optional ones only where `pointed` names them. A scalar with no sample fails the walk, so a new
 * scalar cannot slip past it unwalked.
 */
export function sampleInput(type: GraphQLInputType, name: string, options: SampleOptions = {}): unknown {
  if (type instanceof GraphQLNonNull) return sampleInput(type.ofType, name, options);
  if (type instanceof GraphQLList) return [sampleInput(type.ofType, name, options)];
  if (type instanceof GraphQLEnumType) return type.getValues()[0]?.name;
  if (type instanceof GraphQLInputObjectType) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type) || options.pointed?.(f.name) !== undefined)
        .map((f) => [f.name, options.pointed?.(f.name) ?? sampleInput(f.type, f.name, options)]),
    );
  }
  const given = options.pointed?.(name);
  if (given !== undefined) return given;
  const samples = SCALAR_SAMPLES(options.string ?? 'x');
  const scalar = getNamedType(type).name;
  if (!(scalar in samples)) throw new Error(`no sample for scalar ${scalar}`);
  return samples[scalar];
}

/** Every field of `type` that needs no argument, down to `maxDepth`; abstract types through each of their members. */
export function selectEverything(schema: GraphQLSchema, type: GraphQLNamedType, maxDepth: number, depth = 1): string {
  if (isLeafType(type)) return '';
  if (depth >= maxDepth) return '{ __typename }';
  if (isAbstractType(type)) {
    const members = schema.getPossibleTypes(type);
    return `{ __typename ${members.map((m) => `... on ${m.name} ${selectEverything(schema, m, maxDepth, depth + 1)}`).join(' ')} }`;
  }
  if (!isObjectType(type)) return '';
  const fields = Object.values(type.getFields())
    .filter((f) => f.args.every((a) => !isNonNullType(a.type)))
    .map((f) => `${f.name} ${selectEverything(schema, getNamedType(f.type), maxDepth, depth + 1)}`);
  return `{ __typename ${fields.join(' ')} }`;
}

/** Just `{ __typename }` on a composite answer: enough to see whether a field answers at all. */
export const selectTypename = (type: GraphQLNamedType): string => (isLeafType(type) ? '' : ' { __typename }');

export interface DocumentOptions extends SampleOptions {
  /** Which arguments to pass; all of them when not given. */
  passes?: (arg: GraphQLArgument) => boolean;
  /** The selection on the field's answer type. */
  select: (type: GraphQLNamedType) => string;
}

/** `query($a: T!) { field(a: $a) <selection> }` with sample variables, for one root field. */
export function rootFieldDocument(root: RootField, options: DocumentOptions): { text: string; variables: Record<string, unknown> } {
  const args = root.field.args.filter(options.passes ?? (() => true));
  const definitions = args.map((a) => `$${a.name}: ${String(a.type)}`);
  const passed = args.map((a) => `${a.name}: $${a.name}`);
  const text = `${root.kind}${definitions.length ? `(${definitions.join(', ')})` : ''} { ${root.field.name}${passed.length ? `(${passed.join(', ')})` : ''}${options.select(getNamedType(root.field.type))} }`;
  return { text, variables: Object.fromEntries(args.map((a) => [a.name, sampleInput(a.type, a.name, options)])) };
}

/** The context a request would have, for executing the schema directly as `principal` or `partner`. */
export function directContext(services: Services, who: { principal?: Principal; partner?: PartnerPrincipal }): GraphQLContext {
  return {
    requestId: randomUUID(),
    clientAddress: '127.0.0.1',
    principal: who.principal ?? null,
    partner: who.partner ?? null,
    services,
    loaders: createLoaders(services),
    log: createLogger('silent'),
  };
}
