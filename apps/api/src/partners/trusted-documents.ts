import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  getNamedType,
  GraphQLEnumType,
  GraphQLScalarType,
  isInputObjectType,
  Kind,
  parse,
  typeFromAST,
  validate,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/*
 * Trusted documents (persisted operations) for partner tokens. The registry is the committed file
 * graphql/partner-operations.json; a partner names an operation by its id (`sha256:<hex>` of the text) and
 * never sends GraphQL text the server has not seen. An unknown id is refused before anything is parsed,
 * validated or executed, so a partner cannot probe the schema, not even with introspection.
 */

export const TRUSTED_DOCUMENTS_PATH = fileURLToPath(new URL('../../../../graphql/partner-operations.json', import.meta.url));

export interface TrustedDocument {
  /** `sha256:` and the hex SHA-256 of `document`. */
  id: string;
  /** The operation's name, the audit log's name for the request. */
  name: string;
  document: string;
  /** Variables whose values the audit log may keep: enums, ids, numbers, booleans, dates. Others are recorded as withheld. */
  recordableVariables: ReadonlySet<string>;
}

export type TrustedDocuments = ReadonlyMap<string, TrustedDocument>;

export const documentId = (text: string) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;

/** Scalars that cannot carry a name, a personal number or an address. */
const RECORDABLE_SCALARS = new Set(['ID', 'UUID', 'Int', 'Float', 'Boolean', 'Date', 'DateTime', 'LocalDate']);

interface Manifest {
  operations: Array<{ id: string; name: string; document: string }>;
}

/**
 * Reads and checks the registry: each id is the hash of its text, each text one named operation that is
 * valid against the schema, names unique. A bad registry stops the start (and fails the tests).
 */
export function loadTrustedDocuments(schema: GraphQLSchema, path = TRUSTED_DOCUMENTS_PATH): TrustedDocuments {
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  const registry = new Map<string, TrustedDocument>();
  const names = new Set<string>();
  for (const entry of manifest.operations) {
    const problem = (what: string) => new Error(`graphql/partner-operations.json, ${entry.name}: ${what}`);
    if (documentId(entry.document) !== entry.id) throw problem(`id must be ${documentId(entry.document)}`);
    const ast = parse(entry.document);
    const errors = validate(schema, ast);
    if (errors.length > 0) throw problem(`not valid against the schema: ${errors.map((e) => e.message).join('; ')}`);
    const operations = ast.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const [operation] = operations;
    if (operations.length !== 1 || ast.definitions.length !== 1 || !operation) throw problem('a document holds exactly one operation');
    if (operation.name?.value !== entry.name) throw problem(`the operation must be named ${entry.name}`);
    if (names.has(entry.name)) throw problem('the name is used twice');
    names.add(entry.name);
    const recordableVariables = new Set<string>();
    for (const definition of operation.variableDefinitions ?? []) {
      const type = typeFromAST(schema, definition.type);
      const named = type && getNamedType(type);
      const recordable = named instanceof GraphQLEnumType || (named instanceof GraphQLScalarType && RECORDABLE_SCALARS.has(named.name));
      if (recordable && !isInputObjectType(named)) recordableVariables.add(definition.variable.name.value);
    }
    registry.set(entry.id, { id: entry.id, name: entry.name, document: entry.document, recordableVariables });
  }
  return registry;
}

export type TrustedLookup =
  { ok: true; document: TrustedDocument } | { ok: false; code: 'TRUSTED_DOCUMENT_REQUIRED' | 'TRUSTED_DOCUMENT_NOT_FOUND'; message: string };

/**
 * Which registered operation a partner's request body names: `documentId` ("sha256:<hex>", the GraphQL
 * over HTTP trusted-documents form) or Apollo's `extensions.persistedQuery.sha256Hash` ("<hex>"). Text
 * sent along must be the registered text itself; text alone is looked up by its hash, and so is
 * refused unless it is registered.
 */
export function lookUpTrustedDocument(registry: TrustedDocuments, body: unknown): TrustedLookup {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const extensions = (typeof fields['extensions'] === 'object' && fields['extensions'] !== null ? fields['extensions'] : {}) as Record<string, unknown>;
  const persisted = (typeof extensions['persistedQuery'] === 'object' && extensions['persistedQuery'] !== null ? extensions['persistedQuery'] : {}) as Record<
    string,
    unknown
  >;
  const text = typeof fields['query'] === 'string' ? fields['query'] : null;
  let id: string | null = null;
  if (typeof fields['documentId'] === 'string') id = fields['documentId'];
  else if (typeof persisted['sha256Hash'] === 'string') id = `sha256:${persisted['sha256Hash']}`;
  else if (text !== null) id = documentId(text);
  if (id === null) return { ok: false, code: 'TRUSTED_DOCUMENT_REQUIRED', message: 'Partner tokens run registered operations only: send documentId' };
  const document = registry.get(id.toLowerCase());
  if (!document || (text !== null && text !== document.document)) {
    return { ok: false, code: 'TRUSTED_DOCUMENT_NOT_FOUND', message: 'Unknown document: partner tokens run registered operations only' };
  }
  return { ok: true, document };
}

/** The variables as the audit log keeps them: values of recordable variables, the names of the rest. */
export function auditableVariables(document: TrustedDocument, variables: unknown): Record<string, unknown> {
  if (typeof variables !== 'object' || variables === null) return {};
  return Object.fromEntries(
    Object.entries(variables as Record<string, unknown>).map(([name, value]) => [name, document.recordableVariables.has(name) ? value : '[withheld]']),
  );
}
