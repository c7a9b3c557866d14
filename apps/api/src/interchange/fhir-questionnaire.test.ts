import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Fhir } from 'fhir';
import { describe, expect, it } from 'vitest';
import { parseTemplateDefinition, type TemplateDefinition } from '@hjulet/domain';
import { reviewToQuestionnaireResponse, templateToQuestionnaire, type FhirJson } from './fhir-questionnaire.js';

const require = createRequire(import.meta.url);
const seed = (file: string): TemplateDefinition => {
  const parsed = parseTemplateDefinition(JSON.parse(readFileSync(require.resolve(`@hjulet/domain/templates/${file}`), 'utf8')));
  if (!parsed.ok) throw new Error('seed template does not parse');
  return parsed.value;
};

// FHIR.js validates against the R4 (4.0.x) definitions it ships with: structure, cardinality, types and codes.
const fhir = new Fhir();
function r4Errors(resource: FhirJson): string[] {
  const result = fhir.validate(resource, { errorOnUnexpected: true });
  return result.messages.filter((m) => m.severity === 'error' || m.severity === 'fatal').map((m) => `${m.location}: ${m.message}`);
}

const facts = { id: '6f1c1c1e-5a40-4a52-9a2f-0b8a4c0f7a10', version: 3, status: 'published' as const, date: new Date('2026-03-01T08:00:00Z') };

type Item = { linkId: string; type?: string; item?: Item[]; enableWhen?: Array<{ question: string }>; answer?: unknown[] };
const flatten = (items: Item[] = []): Item[] => items.flatMap((item) => [item, ...flatten(item.item)]);

describe('a template version as a FHIR R4 Questionnaire', () => {
  it.each(['sakerhet-hjalpbehov.v1.json', 'fallprevention.v1.json'])('is valid R4 for %s', (file) => {
    const def = seed(file);
    const questionnaire = templateToQuestionnaire(def, facts);
    expect(r4Errors(questionnaire)).toEqual([]);
    const items = flatten(questionnaire.item as Item[]);
    const linkIds = items.map((item) => item.linkId);
    // que-2: linkIds are unique; every enableWhen names a question of the same questionnaire.
    expect(new Set(linkIds).size).toBe(linkIds.length);
    for (const item of items) for (const when of item.enableWhen ?? []) expect(linkIds).toContain(when.question);
    expect(items.filter((item) => item.type !== 'group' && item.type !== 'display').map((i) => i.linkId)).toEqual(
      def.sections.flatMap((s) => s.items.map((i) => i.key)),
    );
  });

  it('is caught by the validator when it breaks R4', () => {
    const questionnaire = templateToQuestionnaire(seed('fallprevention.v1.json'), facts);
    expect(r4Errors({ ...questionnaire, status: 'published' })).not.toEqual([]);
    expect(r4Errors({ ...questionnaire, item: [{ linkId: 'x', type: 'yes-or-no' }] })).not.toEqual([]);
  });

  it('keeps the conditions and the Swedish and English texts', () => {
    const questionnaire = templateToQuestionnaire(seed('sakerhet-hjalpbehov.v1.json'), facts);
    const stoveGuard = flatten(questionnaire.item as Item[]).find((item) => item.linkId === 'stove_guard');
    expect(stoveGuard).toMatchObject({
      text: 'Finns spisvakt?',
      _text: {
        extension: [
          {
            extension: [
              { url: 'lang', valueCode: 'en' },
              { url: 'content', valueString: 'Is there a stove guard?' },
            ],
          },
        ],
      },
      type: 'choice',
      enableWhen: [{ question: 'stove_forgotten', operator: '=', answerCoding: { code: 'yes', display: 'Ja' } }],
    });
  });
});

describe('a review as a de-identified QuestionnaireResponse', () => {
  const def = seed('sakerhet-hjalpbehov.v1.json');
  const review = {
    id: '0b0f3b7e-3f61-4a3e-9b53-1d3f0f3e8a21',
    status: 'completed' as const,
    answers: { alarm_present: 'no', stove_forgotten: 'yes', stove_guard: 'no', notes: 'Anna Svensson på Storgatan 3 vill ha hjälp' },
    performedAt: new Date('2026-03-04T13:47:12Z'),
    offeredAt: new Date('2026-03-01T09:00:00Z'),
    template: { key: def.key, version: 3 },
  };

  it('is valid R4 and answers by the questionnaire linkIds', () => {
    const response = reviewToQuestionnaireResponse(def, review);
    expect(r4Errors(response)).toEqual([]);
    const questionnaireIds = flatten(templateToQuestionnaire(def, facts).item as Item[]).map((item) => item.linkId);
    const answered = flatten(response.item as Item[]).filter((item) => item.answer);
    expect(answered.map((item) => item.linkId)).toEqual(['alarm_present', 'stove_forgotten', 'stove_guard']);
    for (const item of answered) expect(questionnaireIds).toContain(item.linkId);
    expect(response.questionnaire).toBe('https://hjulet.se/fhir/Questionnaire/sakerhet-hjalpbehov|3');
  });

  it('holds no subject, author, free text or time of day', () => {
    const response = reviewToQuestionnaireResponse(def, review);
    expect(response).not.toHaveProperty('subject');
    expect(response).not.toHaveProperty('author');
    expect(response).not.toHaveProperty('source');
    expect(response.authored).toBe('2026-03-04');
    expect(JSON.stringify(response)).not.toMatch(/Anna|Storgatan|13:47/);
  });
});
