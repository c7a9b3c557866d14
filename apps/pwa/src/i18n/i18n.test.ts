import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { translate, type Message } from './i18n.js';
import { en } from './messages.en.js';
import { sv, type MessageKey } from './messages.sv.js';

const forms = (message: Message): string[] => (typeof message === 'string' ? [message] : Object.values(message));
const placeholders = (message: Message) => [...new Set(forms(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort();
const keys = Object.keys(sv) as MessageKey[];

describe('the message catalogues', () => {
  it('have exactly the same keys in English as in Swedish', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
  });

  it('have no empty message', () => {
    const empty = [...Object.entries(sv), ...Object.entries(en)].filter(([, message]) => forms(message).some((text) => text.trim() === '')).map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('use the same placeholders in both languages, and in every plural form', () => {
    const differing = keys.filter((key) => placeholders(sv[key]).join() !== placeholders(en[key]).join());
    expect(differing).toEqual([]);
    const formsDiffering = keys.filter((key) =>
      [sv[key], en[key]].some((message) => forms(message).some((text) => placeholders(text).join() !== placeholders(message).join())),
    );
    expect(formsDiffering).toEqual([]);
  });

  it('give every message with a {count} a form for each plural category of the language', () => {
    const missing = (['sv', 'en'] as const).flatMap((locale) => {
      const catalog = locale === 'sv' ? sv : en;
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      return keys
        .filter((key) => placeholders(catalog[key]).includes('count'))
        .filter((key) => {
          const message = catalog[key];
          return typeof message === 'string' || categories.some((category) => !(category in message));
        })
        .map((key) => `${locale}: ${key}`);
    });
    expect(missing).toEqual([]);
  });

  it('fill in the placeholders', () => {
    expect(translate('sv', 'sync.waiting', { count: 3 })).toBe('3 väntar på synk');
    expect(translate('en', 'sync.waiting', { count: 3 })).toBe('3 waiting to sync');
    expect(translate('sv', 'review.section', { index: 2, total: 12 })).toBe('Avsnitt 2 av 12');
  });
});

describe('plural forms, chosen by Intl.PluralRules', () => {
  it('says "1 needs attention" and "2 need attention" in English', () => {
    expect(translate('en', 'sync.attention', { count: 1 })).toBe('1 needs attention');
    expect(translate('en', 'sync.attention', { count: 2 })).toBe('2 need attention');
    expect(translate('en', 'sync.attention', { count: 0 })).toBe('0 need attention');
  });

  it('says "1 risk" and "2 risks" in English, "1 risk" and "2 risker" in Swedish', () => {
    expect(translate('en', 'summary.risks', { count: 1 })).toBe('1 risk found');
    expect(translate('en', 'summary.risks', { count: 7 })).toBe('7 risks found');
    expect(translate('sv', 'summary.risks', { count: 1 })).toBe('1 risk hittades');
    expect(translate('sv', 'summary.risks', { count: 7 })).toBe('7 risker hittades');
  });

  it('agrees the whole sentence with the number, in both languages', () => {
    expect(translate('sv', 'login.otherUserWork', { count: 1 })).toBe('1 osynkat resultat finns i telefonen. Det skickas när den som gjorde det loggar in.');
    expect(translate('sv', 'login.otherUserWork', { count: 3 })).toBe('3 osynkade resultat finns i telefonen. De skickas när den som gjorde dem loggar in.');
    expect(translate('en', 'login.otherUserWork', { count: 1 })).toBe('1 unsynced result is on this phone. It is sent when the person who made it logs in.');
    expect(translate('sv', 'summary.missing', { count: 1 })).toBe('1 fråga saknar svar');
    expect(translate('sv', 'summary.missing', { count: 2 })).toBe('2 frågor saknar svar');
    expect(translate('en', 'summary.missing', { count: 1 })).toBe('1 question has no answer');
  });

  it('uses the general form when the count is missing or not a number', () => {
    expect(translate('en', 'sync.attention')).toBe('{count} need attention');
    expect(translate('en', 'sync.attention', { count: 'many' })).toBe('many need attention');
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
