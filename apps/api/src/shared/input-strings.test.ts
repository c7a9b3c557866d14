import { describe, expect, it } from 'vitest';
import { findInvalidString } from './input-strings.js';

describe('the text policy', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['a bell', 'ring\u0007'],
    ['an escape', '\u001b[31mred'],
    ['DEL', 'x\u007f'],
    ['a C1 control', 'x\u0085'],
    ['an unpaired high surrogate', 'x\ud83d'],
    ['an unpaired low surrogate', '\ude00x'],
    ['U+FDD0', 'x\ufdd0'],
    ['U+FFFE', '\ufffe'],
    ['U+10FFFF', 'x\u{10ffff}'],
  ])('refuses %s, naming the position and the code point', (_name, text) => {
    const found = findInvalidString({ note: text }, 'input');
    expect(found?.field).toBe('input.note');
    expect(found?.message).toMatch(/^input\.note contains U\+[0-9A-F]{4,6} at position \d+/);
  });

  it.each([
    ['tab, line feed and carriage return', 'rad 1\r\n\trad 2'],
    ['a paired surrogate (an emoji)', 'brandvarnare 🔥'],
    ['a ZWJ family emoji', '👩‍👩‍👧'],
    ['Arabic with a right-to-left override', 'ملاحظة \u202Egnp.exe'],
    ['combining marks', 'e\u0301'.repeat(10_000)],
    ['Swedish', 'Åsa öppnade spisvakten'],
  ])('accepts %s', (_name, text) => {
    expect(findInvalidString({ note: text })).toBeNull();
  });

  it('names the path of a string deep in lists and objects', () => {
    const reviews = [{ note: 'ok' }, { actions: [{ what: 'ok' }, { what: 'bad\u0000' }] }];
    expect(findInvalidString(reviews, 'reviews')?.field).toBe('reviews[1].actions[1].what');
  });

  it('checks the keys of a JSON object, naming the object that holds the key', () => {
    expect(findInvalidString({ sections: [{ 'ke\u0000y': 1 }] }, 'definition')).toMatchObject({ field: 'definition.sections[0]' });
  });

  it('walks a value nested 100,000 deep without overflowing the stack', () => {
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findInvalidString(deep, 'd')?.message).toMatch(/U\+0000/);
  });

  it('ignores numbers, booleans, null and dates', () => {
    expect(findInvalidString({ n: 1, b: true, z: null, d: new Date() })).toBeNull();
  });
});
