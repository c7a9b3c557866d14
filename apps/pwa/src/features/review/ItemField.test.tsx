import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findItem, parseTemplateDefinition, type AnswerValue, type TemplateDefinition, type TemplateItem } from '@hjulet/domain';
import fallprevention from '@hjulet/domain/templates/fallprevention.v1.json';
import { I18nProvider } from '../../i18n/i18n.js';
import { ItemField } from './ItemField.js';

function template(): TemplateDefinition {
  const parsed = parseTemplateDefinition(fallprevention);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

function show(key: string, value?: AnswerValue, onAnswer: (value: AnswerValue | undefined) => void = () => undefined) {
  const item = findItem(template(), key) as TemplateItem;
  return render(
    <I18nProvider>
      <ItemField item={item} value={value} onAnswer={onAnswer} />
    </I18nProvider>,
  );
}

beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '/');
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

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

describe('a typed answer', () => {
  const typeInto = (field: HTMLElement, texts: string[], msBetween: number) => {
    for (const text of texts) {
      fireEvent.change(field, { target: { value: text } });
      act(() => {
        vi.advanceTimersByTime(msBetween);
      });
    }
  };

  it('is saved while it is typed, within 500 ms of the last key, without leaving the field', () => {
    vi.useFakeTimers();
    const saved: Array<AnswerValue | undefined> = [];
    show('notes', undefined, (value) => saved.push(value));
    const notes = screen.getByRole('textbox');
    notes.focus();

    typeInto(notes, ['L', 'Lö', 'Lös', 'Lösa', 'Lösa mattor '], 100);
    expect(saved).toEqual([]);
    act(() => {
      vi.advanceTimersByTime(400);
    });

    expect(saved).toEqual(['Lösa mattor']);
    expect(document.activeElement).toBe(notes);
  });

  it('is saved at once when the field is left, and not again after', () => {
    vi.useFakeTimers();
    const saved: Array<AnswerValue | undefined> = [];
    show('notes', 'Brandvarnare saknas', (value) => saved.push(value));
    const notes = screen.getByRole('textbox');
    expect((notes as HTMLTextAreaElement).value).toBe('Brandvarnare saknas');

    fireEvent.change(notes, { target: { value: 'Brandvarnare saknas i hallen' } });
    fireEvent.blur(notes);
    act(() => {
      vi.advanceTimersByTime(1_000);
    });

    expect(saved).toEqual(['Brandvarnare saknas i hallen']);
  });

  it('is saved when the screen goes away before the pause', () => {
    vi.useFakeTimers();
    const saved: Array<AnswerValue | undefined> = [];
    const { unmount } = show('notes', undefined, (value) => saved.push(value));
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'Sladdar över golvet' } });

    unmount();

    expect(saved).toEqual(['Sladdar över golvet']);
  });

  it('saves a number as a number, and an emptied field as no answer', () => {
    vi.useFakeTimers();
    const saved: Array<AnswerValue | undefined> = [];
    show('falls_last_year', 1, (value) => saved.push(value));
    const count = screen.getByRole('spinbutton');

    typeInto(count, ['3'], 500);
    typeInto(count, [''], 500);

    expect(saved).toEqual([3, undefined]);
  });
});
