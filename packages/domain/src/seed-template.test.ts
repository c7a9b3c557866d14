import { describe, expect, it } from 'vitest';
import seed from '../templates/sakerhet-hjalpbehov.v1.json' with { type: 'json' };
import { isRiskAnswer } from './answer-conditions.js';
import { validateAnswers } from './answers.js';
import { deriveRisks } from './risks.js';
import { allItems, findItem, parseTemplateDefinition } from './template-definition.js';
import type { Answers, TemplateDefinition } from './template.types.js';

function parseSeed(): TemplateDefinition {
  const result = parseTemplateDefinition(seed);
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
  return result.value;
}

/** The answer to every item that means no risk: what a safe home looks like. */
function safeAnswers(def: TemplateDefinition): Answers {
  const answers: Answers = {};
  for (const item of allItems(def)) {
    if (item.showWhen !== undefined || item.risk === undefined) continue;
    answers[item.key] = isRiskAnswer(item, 'no') ? 'yes' : 'no';
  }
  return answers;
}

describe('the seed template sakerhet-hjalpbehov v1', () => {
  it('parses without a single issue', () => {
    const result = parseTemplateDefinition(seed);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('has the 27 items of DOMAIN.md in its sections, in order', () => {
    const def = parseSeed();
    expect(def.key).toBe('sakerhet-hjalpbehov');
    expect(def.title.sv).toBe('Checklista – säkerhet för personer med hjälpbehov');
    expect(def.sections.map((section) => section.title.sv)).toEqual([
      'Upptäcka',
      'Larma',
      'Utrymma',
      'Släcka',
      'Spis',
      'Rökning och ljus',
      'El',
      'Påverkan',
      'Bostaden',
      'Fall',
      'Fastigheten',
      'Övrigt',
    ]);
    expect(allItems(def).map((item) => item.key)).toEqual([
      'alarm_present',
      'alarm_tested',
      'alarm_perceived',
      'alarm_placement',
      'call_112',
      'knows_what_to_do',
      'evacuate_alone',
      'stairwell_smoke',
      'door_unlock',
      'blanket_extinguisher',
      'can_extinguish',
      'stove_forgotten',
      'stove_guard',
      'stove_combustibles',
      'smoking_unsafe',
      'candles',
      'electrical',
      'charging',
      'oxygen',
      'influence',
      'clutter',
      'trip_hazards',
      'lighting',
      'bathroom',
      'safety_alarm',
      'building_risk',
      'notes',
    ]);
  });

  it('gives every item but the notes a risk with 1–3 suggested actions, reportable unless it is about falls', () => {
    const def = parseSeed();
    for (const item of allItems(def).filter((candidate) => candidate.key !== 'notes')) {
      expect(item.answerType, item.key).toBe('yes_no_na');
      expect(item.risk?.suggestedActions.length, item.key).toBeGreaterThanOrEqual(1);
      expect(item.risk?.suggestedActions.length, item.key).toBeLessThanOrEqual(3);
      expect(item.risk?.reportableToFireService, item.key).toBe(item.risk?.category !== 'fall');
    }
    expect(findItem(def, 'notes')).toMatchObject({ answerType: 'free_text', required: false });
    expect(findItem(def, 'notes')?.risk).toBeUndefined();
  });

  it('uses the severities and risk answers of the table', () => {
    const def = parseSeed();
    expect(findItem(def, 'alarm_placement')?.risk).toMatchObject({ when: ['no'], category: 'brand', severity: 'low' });
    expect(findItem(def, 'smoking_unsafe')?.risk).toMatchObject({ when: ['yes'], category: 'brand', severity: 'high' });
    expect(findItem(def, 'charging')?.risk).toMatchObject({ when: ['yes'], category: 'el', severity: 'medium' });
    expect(findItem(def, 'building_risk')?.risk).toMatchObject({ when: ['yes'], category: 'fastighet', severity: 'high' });
    expect(findItem(def, 'call_112')?.risk).toMatchObject({ when: ['no'], category: 'utrymning', severity: 'high' });
  });

  it('finds no risk in a safe home, and accepts those answers as a completed review', () => {
    const def = parseSeed();
    expect(deriveRisks(def, safeAnswers(def))).toEqual([]);
    expect(validateAnswers(def, safeAnswers(def), 'complete')).toEqual([]);
  });

  it('asks about a stove guard only when the stove gets forgotten, and then requires the answer', () => {
    const def = parseSeed();
    const forgotten = { ...safeAnswers(def), stove_forgotten: 'yes' };
    expect(validateAnswers(def, forgotten, 'complete').map((issue) => `${issue.field}:${issue.code}`)).toEqual(['answers.stove_guard:REQUIRED']);
    expect(validateAnswers(def, { ...safeAnswers(def), stove_guard: 'no' }, 'draft').map((issue) => issue.code)).toEqual(['HIDDEN_ITEM']);
  });

  it('suggests a stove guard from the occupational therapist when the stove is forgotten and there is none', () => {
    const def = parseSeed();
    const risks = deriveRisks(def, { ...safeAnswers(def), alarm_present: 'no', stove_forgotten: 'yes', stove_guard: 'no' });
    expect(risks.map((risk) => `${risk.itemKey}:${risk.severity}`)).toEqual(['alarm_present:high', 'stove_forgotten:high', 'stove_guard:high']);
    expect(risks[2]?.suggestedActions.map((action) => action.actor)).toContain('occupational_therapist');
    expect(risks[0]?.suggestedActions.map((action) => action.actor)).toEqual(expect.arrayContaining(['home_care_contacts_landlord', 'resident']));
  });

  it('sends a building risk to the fire service, which contacts the landlord, but keeps falls local', () => {
    const def = parseSeed();
    const risks = deriveRisks(def, { ...safeAnswers(def), building_risk: 'yes', bathroom: 'no' });
    expect(risks.map((risk) => [risk.itemKey, risk.reportableToFireService])).toEqual([
      ['bathroom', false],
      ['building_risk', true],
    ]);
    expect(risks[1]?.suggestedActions.map((action) => action.actor)).toContain('fire_service');
    expect(risks[0]?.suggestedActions.map((action) => action.actor)).toEqual(expect.arrayContaining(['housing_adaptation', 'occupational_therapist']));
  });

  it('tags every item with one of the six Växjö quality dimensions, mostly safety', () => {
    const def = parseSeed();
    expect(def.qualityDimensions.map((dimension) => dimension.key)).toEqual([
      'individanpassning',
      'tillganglighet',
      'kunskapsbasering',
      'sakerhet',
      'jamlikhet',
      'effektivitet',
    ]);
    const safety = allItems(def).filter((item) => item.qualityDimension === 'sakerhet');
    expect(safety.length).toBeGreaterThanOrEqual(24);
    expect(allItems(def).every((item) => item.qualityDimension !== undefined)).toBe(true);
  });
});
