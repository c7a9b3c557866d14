import { principalOf } from '../auth/auth.service.js';
import type { Services } from '../services.js';
import type { User } from '../users/user.entity.js';

/** The national survey's name, as Socialstyrelsen publishes it. */
export const NATIONAL_SURVEY_NAME = 'Vad tycker de äldre om äldreomsorgen?';

/** Questions of the national survey's home-care form (abridged), the ones a board's goals most often cite. */
const QUESTIONS = [
  'Hur nöjd eller missnöjd är du sammantaget med den hemtjänst du har?',
  'Känner du dig trygg med att bo hemma med stöd från hemtjänsten?',
  'Brukar personalen behandla dig med respekt?',
  'Brukar personalen ta hänsyn till dina egna åsikter och önskemål?',
  'Hur stort förtroende har du för den personal som kommer hem till dig?',
] as const;

/*
 * Share positive per unit and question, last year then this year: Norr improving, Söder steady, Centrum
 * slipping on safety, Kolmården small (its 4 answers last year are hidden, as the national survey hides them).
 */
const RESULTS: Record<string, { respondents: [number, number]; shares: Array<[number, number]> }> = {
  'Hemtjänst Norr': {
    respondents: [38, 41],
    shares: [
      [84, 88],
      [79, 86],
      [95, 96],
      [72, 78],
      [81, 85],
    ],
  },
  'Hemtjänst Söder': {
    respondents: [33, 35],
    shares: [
      [88, 87],
      [85, 86],
      [97, 97],
      [80, 79],
      [86, 88],
    ],
  },
  'Hemtjänst Centrum': {
    respondents: [29, 27],
    shares: [
      [86, 83],
      [84, 76],
      [94, 93],
      [75, 74],
      [83, 81],
    ],
  },
  'Hemtjänst Kolmården': {
    respondents: [4, 12],
    shares: [
      [75, 83],
      [75, 92],
      [100, 100],
      [50, 75],
      [75, 83],
    ],
  },
};

/** The survey file for a year (0: last year, 1: this year), as an admin would save it from Excel. */
function demoCsv(which: 0 | 1): string {
  const lines = ['Enhet;Fråga;Andel positiva (%);Antal svar'];
  for (const [unit, { respondents, shares }] of Object.entries(RESULTS)) {
    QUESTIONS.forEach((question, i) =>
      lines.push(`${unit};${question};${String((shares[i] as [number, number])[which]).replace('.', ',')};${respondents[which]}`),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * The demo's national user survey for last year and this year, for the four demo units, imported by the
 * admin through the same import as the screen's.
 */
export async function seedDemoSurveys(services: Services, admin: User, now: Date, requestId: string): Promise<void> {
  const caller = { principal: principalOf(admin), requestId };
  const year = now.getUTCFullYear();
  for (const which of [0, 1] as const) {
    await services.surveys.import(caller, { source: 'national', name: NATIONAL_SURVEY_NAME, year: year - 1 + which, csv: demoCsv(which) });
  }
}
