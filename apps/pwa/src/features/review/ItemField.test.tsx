import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findItem, parseTemplateDefinition, type AnswerValue, type TemplateDefinition, type TemplateItem } from '@hjulet/domain';
import fallprevention from '@hjulet/domain/templates/fallprevention.v1.json';
import { I18nProvider } from '../../i18n/i18n.js';
import { ItemField } from './ItemField.js';

function template(): TemplateDefinition {
  const parsed = parseTemplateDefinition(fallprevention);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

function show(key: string, value?: AnswerValue) {
  const item = findItem(template(), key) as TemplateItem;
  return render(
    <I18nProvider>
      <ItemField item={item} value={value} onAnswer={() => undefined} />
    </I18nProvider>,
  );
}

beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '/');
});

afterEach(cleanup);

describe('a checklist item on the phone', () => {
  it('offers a yes_no question as two radio buttons, Ja and Nej', () => {
    show('dizziness');
    expect(screen.getAllByRole('radio').map((radio) => radio.closest('label')?.textContent)).toEqual(['Ja', 'Nej']);
  });

  it('asks for a whole number with the numeric keypad and steps of one', () => {
    show('falls_last_year');
    const input = screen.getByLabelText(/Hur många gånger har personen fallit/);
    expect([input.getAttribute('inputmode'), input.getAttribute('step'), input.getAttribute('min')]).toEqual(['numeric', '1', '0']);
  });

  it('marks a count that passes a number risk rule as a risk', () => {
    show('falls_last_year', 2);
    expect(screen.getByText('Risk: Hög')).toBeTruthy();
    cleanup();
    show('falls_last_year', 1);
    expect(screen.queryByText(/^Risk:/)).toBeNull();
  });

  it('labels options that are their own labels with their value', () => {
    show('night_toilet_visits', '3+');
    expect(screen.getAllByRole('radio').map((radio) => radio.closest('label')?.textContent)).toEqual(['0', '1', '2', '3+']);
    expect(screen.getByText('Risk: Låg')).toBeTruthy();
  });
});
