/*
 * Answers to the seed checklist (sakerhet-hjalpbehov v1, DOMAIN.md section 4) as a user taps them,
 * with the risks those answers must produce, written out by hand so the test does not reuse the
 * derivation it checks.
 */

export type Choice = 'yes' | 'no' | 'not_applicable';

export const BUTTON_LABEL: Record<Choice, string> = { yes: 'Ja', no: 'Nej', not_applicable: 'Inte aktuellt' };

/** Items whose risk answer is Nej; every other yes/no item is a risk when answered Ja. */
const RISK_WHEN_NO = [
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
  'stove_guard',
  'lighting',
  'bathroom',
  'safety_alarm',
];
const RISK_WHEN_YES = [
  'stove_forgotten',
  'stove_combustibles',
  'smoking_unsafe',
  'candles',
  'electrical',
  'charging',
  'oxygen',
  'influence',
  'clutter',
  'trip_hazards',
  'building_risk',
];

/** The answer that is no risk, for every yes/no item. */
export function safeAnswers(): Record<string, Choice> {
  return Object.fromEntries([...RISK_WHEN_NO.map((k) => [k, 'yes'] as const), ...RISK_WHEN_YES.map((k) => [k, 'no'] as const)]);
}

export interface ChecklistScript {
  choices: Record<string, Choice>;
  notes: string | null;
  /** Item keys that must come out as risks, in template order. */
  expectedRisks: string[];
}

/**
 * A home with no working smoke alarm, a stove that is forgotten on and no stove guard (the stove guard
 * question only appears after "Ja" to the forgotten stove), and poor lighting at night; candles not
 * applicable. The other answers are safe.
 */
export const RISKY_HOME: ChecklistScript = {
  choices: { ...safeAnswers(), alarm_present: 'no', stove_forgotten: 'yes', stove_guard: 'no', candles: 'not_applicable', lighting: 'no' },
  notes: 'Hög tröskel till badrummet; närstående hjälper till.',
  expectedRisks: ['alarm_present', 'stove_forgotten', 'stove_guard', 'lighting'],
};

/** Nothing risky: the stove guard question stays hidden. */
export const SAFE_HOME: ChecklistScript = {
  choices: safeAnswers(),
  notes: null,
  expectedRisks: [],
};

/** Stove forgotten (a risk), a stove guard in place, everything else safe. */
export const STOVE_HOME: ChecklistScript = {
  choices: { ...safeAnswers(), stove_forgotten: 'yes', stove_guard: 'yes' },
  notes: null,
  expectedRisks: ['stove_forgotten'],
};
