import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { translate } from './i18n.js';
import { en } from './messages.en.js';
import { sv } from './messages.sv.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogues', () => {
  it('have exactly the same keys in English as in Swedish', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
  });

  it('have no empty message', () => {
    const empty = [...Object.entries(sv), ...Object.entries(en)].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const differing = Object.entries(sv)
      .filter(([key, text]) => placeholders(text).join() !== placeholders(en[key as keyof typeof sv]).join())
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });

  it('fill in the placeholders', () => {
    expect(translate('sv', 'sync.waiting', { count: 3 })).toBe('3 väntar på synk');
    expect(translate('en', 'sync.waiting', { count: 3 })).toBe('3 waiting to sync');
  });
});

/*
 * Components take every word from the catalogues. The scan parses each component with the TypeScript
 * compiler and reports JSX text with letters, string literals written as JSX children, and literal values of
 * the attributes a user sees or hears (aria-label, placeholder, title, alt).
 */
const components = import.meta.glob<string>(['../**/*.tsx', '!../**/*.test.tsx'], { query: '?raw', import: 'default', eager: true });
const VISIBLE_ATTRIBUTES = new Set(['aria-label', 'placeholder', 'title', 'alt', 'aria-description', 'label']);
const LETTER = /\p{L}/u;

function hardCodedTexts(path: string, source: string): string[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && LETTER.test(node.text)) found.push(node.text.trim());
    if (
      ts.isJsxExpression(node) &&
      node.expression &&
      ts.isStringLiteralLike(node.expression) &&
      ts.isJsxElement(node.parent) &&
      LETTER.test(node.expression.text)
    ) {
      found.push(node.expression.text);
    }
    if (
      ts.isJsxAttribute(node) &&
      VISIBLE_ATTRIBUTES.has(node.name.getText(file)) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer) &&
      LETTER.test(node.initializer.text)
    ) {
      found.push(`${node.name.getText(file)}="${node.initializer.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found.map((text) => `${path}: ${text}`);
}

describe('the components', () => {
  it('are found by the scan', () => {
    expect(Object.keys(components)).toContain('../features/sync/SyncBar.tsx');
  });

  it('contain no hard-coded sentence: every text comes from t()', () => {
    const texts = Object.entries(components).flatMap(([path, source]) => hardCodedTexts(path, source));
    expect(texts).toEqual([]);
  });

  it('would catch a hard-coded sentence', () => {
    const source = 'export const A = () => <p title="Stäng">Spara <b>{t("x")}</b>{"Avbryt"}: {n}</p>;';
    expect(hardCodedTexts('A.tsx', source)).toEqual(['A.tsx: title="Stäng"', 'A.tsx: Spara', 'A.tsx: Avbryt']);
  });
});
