import { describe, expect, it } from 'vitest';
import fallprevention from '../templates/fallprevention.v1.json' with { type: 'json' };
import { isItemVisible, validateAnswers } from './answers.js';
import { deriveRisks } from './risks.js';
import { allItems, findItem, parseTemplateDefinition } from './template-definition.js';
import type { Answers, TemplateDefinition } from './template.types.js';

function parseFallprevention(): TemplateDefinition {
  const result = parseTemplateDefinition(fallprevention);
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
  return result.value;
}

/** A resident who has not fallen, takes few medicines, walks steadily and lives in a safe home. */
const safe: Answers = {
  lives_alone: 'no',
  falls_last_year: 0,
  fear_of_falling: 'no',
  medicines_count: 3,
  fall_risk_medicines: 'no',
  dizziness: 'no',
  vision: 'yes',
  night_toilet_visits: '1',
  walking: 'steady',
  footwear: 'yes',
  trip_hazards: 'no',
  night_light: 'yes',
  bathroom_support: 'yes',
  safety_alarm: 'no',
};

const def = parseFallprevention();
const risksOf = (answers: Answers): string[] => deriveRisks(def, answers).map((risk) => `${risk.itemKey}:${risk.category}:${risk.severity}`);
const issuesOf = (answers: Answers): string[] => validateAnswers(def, answers, 'complete').map((issue) => `${issue.field}:${issue.code}`);

describe('the fall-prevention checklist fallprevention v1, imported as data', () => {
  it('parses without a single issue', () => {
    const result = parseTemplateDefinition(fallprevention);
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect(def.key).toBe('fallprevention');
    expect(def.riskCategories.map((category) => category.key)).toEqual(['fall', 'lakemedel', 'hemmiljo']);
  });

  it('uses each construct the first template format lacked', () => {
    const types = new Set(allItems(def).map((item) => item.answerType));
    expect(types).toEqual(new Set(['yes_no', 'yes_no_dont_know', 'number', 'single_choice', 'free_text']));
    expect(findItem(def, 'falls_last_year')).toMatchObject({ integer: true, risk: { atLeast: 2 } });
    expect(findItem(def, 'aid_always_used')?.showWhen).toEqual({ itemKey: 'walking', notEquals: ['steady', 'does_not_walk'] });
    expect(findItem(def, 'alarm_worn')?.showWhen).toMatchObject({ allOf: [{ itemKey: 'lives_alone' }, { itemKey: 'safety_alarm' }] });
    expect(findItem(def, 'night_toilet_visits')?.options?.map((option) => option.label)).toEqual(
      ['0', '1', '2', '3+'].map((value) => ({ sv: value, en: value })),
    );
  });

  it('finds no risk in a safe home, and accepts those answers as a completed review', () => {
    expect(risksOf(safe)).toEqual([]);
    expect(issuesOf(safe)).toEqual([]);
  });

  it('finds a high fall risk for two or more falls in the last year, not for one', () => {
    expect(risksOf({ ...safe, falls_last_year: 1, fall_injury: 'no', got_up_alone: 'yes' })).toEqual([]);
    expect(risksOf({ ...safe, falls_last_year: 2, fall_injury: 'no', got_up_alone: 'yes' })).toEqual(['falls_last_year:fall:high']);
    expect(risksOf({ ...safe, falls_last_year: 7, fall_injury: 'yes', got_up_alone: 'no' })).toEqual([
      'falls_last_year:fall:high',
      'fall_injury:fall:medium',
      'got_up_alone:fall:high',
    ]);
  });

  it('asks about injury and getting up only after a fall, and then requires the answers', () => {
    expect(issuesOf({ ...safe, falls_last_year: 1 })).toEqual(['answers.fall_injury:REQUIRED', 'answers.got_up_alone:REQUIRED']);
    expect(validateAnswers(def, { ...safe, fall_injury: 'no' }, 'draft').map((issue) => issue.code)).toEqual(['HIDDEN_ITEM']);
  });

  it('counts falls and medicines in whole numbers only', () => {
    expect(issuesOf({ ...safe, falls_last_year: 1.5 })).toContain('answers.falls_last_year:NOT_INTEGER');
    expect(issuesOf({ ...safe, medicines_count: 4.2 })).toEqual(['answers.medicines_count:NOT_INTEGER']);
  });

  it('raises a medicine risk from five regular medicines', () => {
    expect(risksOf({ ...safe, medicines_count: 4 })).toEqual([]);
    expect(risksOf({ ...safe, medicines_count: 5 })).toEqual(['medicines_count:lakemedel:medium']);
    expect(deriveRisks(def, { ...safe, medicines_count: 5 })[0]?.reportableToFireService).toBe(false);
  });

  it('asks whether the walking aid is always used only of someone who walks with an aid or unsteadily', () => {
    expect(['steady', 'with_aid', 'unsteady', 'does_not_walk'].map((walking) => isItemVisible(def, 'aid_always_used', { walking }))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(risksOf({ ...safe, walking: 'unsteady', aid_always_used: 'no' })).toEqual(['walking:fall:high', 'aid_always_used:fall:medium']);
  });

  it('asks whether the alarm is worn only of someone who lives alone and has one', () => {
    const shown = (lives_alone: string, safety_alarm: string) => isItemVisible(def, 'alarm_worn', { ...safe, lives_alone, safety_alarm });
    expect([shown('yes', 'yes'), shown('yes', 'no'), shown('no', 'yes'), shown('no', 'no')]).toEqual([true, false, false, false]);
    const alone = { ...safe, lives_alone: 'yes', safety_alarm: 'yes' };
    expect(issuesOf(alone)).toEqual(['answers.alarm_worn:REQUIRED']);
    expect(risksOf({ ...alone, alarm_worn: 'no', night_toilet_visits: '3+', trip_hazards: 'yes' })).toEqual([
      'night_toilet_visits:fall:low',
      'trip_hazards:hemmiljo:medium',
      'alarm_worn:fall:high',
    ]);
  });
});
