import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAppSchema } from '../schema/build-schema.js';
import { auditableVariables, documentId, loadTrustedDocuments, lookUpTrustedDocument } from './trusted-documents.js';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildAppSchema();
});

function manifest(operations: Array<{ id?: string; name: string; document: string }>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'trusted-'));
  const file = path.join(dir, 'ops.json');
  writeFileSync(file, JSON.stringify({ operations: operations.map((o) => ({ id: o.id ?? documentId(o.document), ...o })) }));
  return file;
}

describe('the trusted-document registry', () => {
  it('graphql/partner-operations.json: each id is the hash of its text, each text one named operation valid against the schema', () => {
    const registry = loadTrustedDocuments(schema);
    expect(registry.size).toBeGreaterThan(0);
    for (const [id, doc] of registry) expect(documentId(doc.document)).toBe(id);
  });

  it('refuses a registry whose id does not match its text, or whose text is not valid, or has two operations', () => {
    const q = 'query PartnerSelf { partnerSelf { name } }';
    expect(() => loadTrustedDocuments(schema, manifest([{ name: 'PartnerSelf', document: q, id: documentId(`${q} `) }]))).toThrow(/id must be/);
    expect(() => loadTrustedDocuments(schema, manifest([{ name: 'Me', document: 'query Me { partnerSelf { password } }' }]))).toThrow(/not valid/);
    expect(() =>
      loadTrustedDocuments(schema, manifest([{ name: 'A', document: 'query A { partnerSelf { name } } query B { partnerSelf { name } }' }])),
    ).toThrow(/exactly one operation/);
  });

  it('keeps in the audit log only variables of types that cannot hold personal data', () => {
    const file = manifest([
      {
        name: 'Probe',
        document:
          'query Probe($id: UUID!, $text: String, $status: ActionStatus, $n: Int!) { auditEvents(careRecipientId: $id, entityId: $text, first: $n) { id } followUpActions(filter: { status: $status }) { id } }',
      },
    ]);
    const registry = loadTrustedDocuments(schema, file);
    const [doc] = [...registry.values()];
    if (!doc) throw new Error('no document');
    expect(auditableVariables(doc, { id: 'a1', text: 'Storgatan 1', status: 'OPEN', n: 5, extra: 'x' })).toEqual({
      id: 'a1',
      text: '[withheld]',
      status: 'OPEN',
      n: 5,
      extra: '[withheld]',
    });
  });

  it('looks a request up by documentId, by persisted-query hash, or by its exact text, and by nothing else', () => {
    const registry = loadTrustedDocuments(schema);
    const [doc] = [...registry.values()];
    if (!doc) throw new Error('no document');
    expect(lookUpTrustedDocument(registry, { documentId: doc.id })).toEqual({ ok: true, document: doc });
    expect(lookUpTrustedDocument(registry, { extensions: { persistedQuery: { version: 1, sha256Hash: doc.id.slice(7) } } })).toEqual({
      ok: true,
      document: doc,
    });
    expect(lookUpTrustedDocument(registry, { query: doc.document })).toEqual({ ok: true, document: doc });
    expect(lookUpTrustedDocument(registry, { query: `${doc.document}\n` })).toMatchObject({ ok: false, code: 'TRUSTED_DOCUMENT_NOT_FOUND' });
    expect(lookUpTrustedDocument(registry, null)).toMatchObject({ ok: false, code: 'TRUSTED_DOCUMENT_REQUIRED' });
  });
});
