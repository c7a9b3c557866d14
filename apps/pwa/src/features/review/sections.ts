import { validateAnswers, visibleItems, type Answers, type TemplateDefinition, type TemplateItem, type TemplateSection } from '@hjulet/domain';

/** The sections the checklist shows for these answers: those with at least one visible question. */
export function visibleSections(template: TemplateDefinition, answers: Answers): TemplateSection[] {
  return template.sections.filter((s) => visibleItems({ ...template, sections: [s] }, answers).length > 0);
}

export interface MissingQuestion {
  item: TemplateItem;
  section: TemplateSection;
  /** The section's place among `visibleSections`, as the checklist pages through them. */
  sectionIndex: number;
}

/**
 * The questions that stop a review from being completed (unanswered, or answered with a value the
 * template does not allow), in checklist order, each with where the checklist shows it.
 */
export function missingQuestions(template: TemplateDefinition, answers: Answers): MissingQuestion[] {
  const keys = new Set(validateAnswers(template, answers, 'complete').map((issue) => issue.field.replace(/^answers\./, '')));
  return visibleSections(template, answers).flatMap((section, sectionIndex) =>
    section.items.filter((item) => keys.has(item.key)).map((item) => ({ item, section, sectionIndex })),
  );
}

/** The question the checklist moves focus to when it opens, set by the summary's link to it. */
let questionToFocus: string | null = null;

export function focusQuestionOnOpen(itemKey: string): void {
  questionToFocus = itemKey;
}

/** The question to focus, once: taken when the checklist shows it. */
export function takeQuestionToFocus(shown: string[]): string | null {
  if (questionToFocus === null || !shown.includes(questionToFocus)) return null;
  const key = questionToFocus;
  questionToFocus = null;
  return key;
}

/** The element a question's focus goes to: its group, named by its legend or label. */
export const questionGroupId = (itemKey: string) => `item-${itemKey}-group`;
