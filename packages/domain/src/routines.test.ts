import { describe, expect, it } from 'vitest';
import {
  checkRoutineContent,
  isRoutineReviewOverdue,
  revisedRoutineVersion,
  routineConfirmationProblem,
  routinePlaces,
  routineReading,
  type RoutineContent,
} from './routines.js';

const content: RoutineContent = {
  title: 'Provning av brandvarnare',
  titleEn: null,
  responsible: 'Den som har besöket',
  frequency: 'En gång i månaden',
  body: 'Tryck på testknappen.',
  bodyEn: null,
  reviewOn: '2027-01-31',
  templateKey: 'sakerhet-hjalpbehov',
  itemKey: 'alarm_tested',
};

describe('routines', () => {
  it('trims a routine and takes blanks as absent', () => {
    const checked = checkRoutineContent({ ...content, title: '  Provning  ', titleEn: '  ', templateKey: null, itemKey: '' });
    expect(checked).toEqual({ ok: true, value: { ...content, title: 'Provning', titleEn: null, templateKey: null, itemKey: null } });
  });

  it('names every problem: a missing text, a date that is not one, a checklist item without its template', () => {
    const checked = checkRoutineContent({ ...content, body: ' ', reviewOn: '2027-02-30', templateKey: null });
    expect(checked.ok ? [] : checked.problems.map((p) => `${p.field}:${p.code}`)).toEqual(['body:REQUIRED', 'reviewOn:INVALID', 'templateKey:REQUIRED']);
  });

  it('takes a link to a whole checklist template, without an item', () => {
    expect(checkRoutineContent({ ...content, itemKey: null }).ok).toBe(true);
  });

  it('makes a new version when what staff read changes, not for a new review date', () => {
    expect(revisedRoutineVersion({ ...content, version: 3 }, { ...content, reviewOn: '2028-01-31' })).toBe(3);
    expect(revisedRoutineVersion({ ...content, version: 3 }, { ...content, frequency: 'Varje vecka' })).toBe(4);
  });

  it('flags a routine the day after its review date', () => {
    expect(isRoutineReviewOverdue('2026-11-27', '2026-11-27')).toBe(false);
    expect(isRoutineReviewOverdue('2026-11-27', '2026-11-28')).toBe(true);
  });

  it('takes a confirmation of the current or an earlier version, never of one that does not exist', () => {
    expect(routineConfirmationProblem(2, 3)).toBeNull();
    expect(routineConfirmationProblem(4, 3)).not.toBeNull();
    expect(routineConfirmationProblem(0, 3)).not.toBeNull();
  });

  it("tells a user's reading: unread, confirmed, waiting on the phone, or a new version to read", () => {
    expect(routineReading(1, null, null)).toBe('unread');
    expect(routineReading(2, 2, null)).toBe('confirmed');
    expect(routineReading(2, 1, null)).toBe('new_version');
    expect(routineReading(2, 1, 2)).toBe('waiting');
  });

  it('offers a maintainer the places the server lets them write for', () => {
    const units = [
      { id: 'norr', administrationId: 'care' },
      { id: 'soder', administrationId: 'care' },
      { id: 'kolmarden', administrationId: 'social' },
    ];
    const ids = (who: { role: string; unitId: string | null; administrationId: string | null }) => {
      const places = routinePlaces(who, units);
      return [...places.units.map((u) => u.id), ...(places.wholeMunicipality ? ['municipality'] : [])];
    };
    expect(ids({ role: 'unit_manager', unitId: 'norr', administrationId: null })).toEqual(['norr']);
    expect(ids({ role: 'quality_coordinator', unitId: null, administrationId: 'care' })).toEqual(['norr', 'soder', 'municipality']);
    expect(ids({ role: 'admin', unitId: null, administrationId: null })).toEqual(['norr', 'soder', 'kolmarden', 'municipality']);
    expect(ids({ role: 'staff', unitId: 'norr', administrationId: null })).toEqual([]);
  });
});
