import { describe, expect, it } from 'vitest';
import { parseTemplateDefinition, type TemplateDefinition } from '@hjulet/domain';
import safety from '@hjulet/domain/templates/sakerhet-hjalpbehov.v1.json';
import { missingQuestions, visibleSections } from './sections.js';

function template(): TemplateDefinition {
  const parsed = parseTemplateDefinition(safety);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

describe('the summary’s list of questions still to answer', () => {
  it('names every visible unanswered question with the place of its section among the shown ones', () => {
    const def = template();
    const all = visibleSections(def, {});
    const missing = missingQuestions(def, {});
    expect(missing[0]).toMatchObject({ item: { key: 'alarm_present' }, sectionIndex: 0 });
    // The stove guard question is hidden until the stove is said to be forgotten on.
    expect(missing.map((m) => m.item.key)).not.toContain('stove_guard');
    expect(missing.every((m) => all[m.sectionIndex]?.key === m.section.key)).toBe(true);
    // Free text is optional.
    expect(missing.map((m) => m.item.key)).not.toContain('notes');
  });

  it('lists only what is left, and a question that appears after an answer', () => {
    const def = template();
    const answers = Object.fromEntries(missingQuestions(def, {}).map((m) => [m.item.key, m.item.key === 'stove_forgotten' ? 'yes' : 'no']));
    const left = missingQuestions(def, answers);
    expect(left.map((m) => m.item.key)).toEqual(['stove_guard']);
    expect(left[0]?.section.key).toBe(def.sections.find((s) => s.items.some((i) => i.key === 'stove_guard'))?.key);
  });

  it('lists nothing when every required question is answered', () => {
    const def = template();
    const answers: Record<string, string> = {};
    for (;;) {
      const next = missingQuestions(def, answers)[0];
      if (!next) break;
      answers[next.item.key] = 'no';
    }
    expect(missingQuestions(def, answers)).toEqual([]);
  });
});
