import { HJULET_COLUMNS, HJULET_LISTS, SHEETS, at } from './xlsform-sheets.js';

/** Where in the workbook a part of the definition came from. */
export interface Located {
  sheet: string;
  row: number;
  column?: string;
}

/** The column of a survey row that holds each property of an item, by the property's path. */
const ITEM_COLUMNS: ReadonlyArray<[RegExp, string]> = [
  [/^key/, 'name'],
  [/^text/, 'label'],
  [/^help/, 'hint'],
  [/^(answerType|options)/, 'type'],
  [/^(min|max|integer|maxLength)/, 'constraint'],
  [/^required/, 'required'],
  [/^showWhen/, 'relevant'],
  [/^risk\.category/, HJULET_COLUMNS.riskCategory],
  [/^risk\.severity/, HJULET_COLUMNS.severity],
  [/^risk\.reportableToFireService/, HJULET_COLUMNS.reportable],
  [/^risk\.suggestedActions/, SHEETS.actions],
  [/^risk/, HJULET_COLUMNS.risk],
  [/^qualityDimension/, HJULET_COLUMNS.qualityDimension],
];

/**
 * Turns the path of an issue found by `parseTemplateDefinition` (`sections[1].items[3].showWhen.itemKey`)
 * into the place in the workbook it came from (`survey!14/relevant`), so the person fixing the file finds it.
 */
export function locateDomainIssue(path: string, locations: ReadonlyMap<string, Located>, choiceRows: ReadonlyMap<string, number[]>): string {
  const item = /^(sections\[\d+\]\.items\[\d+\])\.?(.*)$/.exec(path);
  if (item) {
    const found = locations.get(item[1] as string);
    const column = ITEM_COLUMNS.find(([pattern]) => pattern.test(item[2] as string))?.[1] ?? 'name';
    return found ? at(found.sheet, found.row, column) : SHEETS.survey;
  }
  const section = /^(sections\[\d+\])\.?(.*)$/.exec(path);
  if (section) {
    const found = locations.get(section[1] as string);
    return found ? at(found.sheet, found.row, section[2]?.startsWith('title') ? 'label' : 'name') : SHEETS.survey;
  }
  const vocabulary = /^(riskCategories|qualityDimensions)\[(\d+)\]\.?(.*)$/.exec(path);
  if (vocabulary) {
    const list = vocabulary[1] === 'riskCategories' ? HJULET_LISTS.riskCategories : HJULET_LISTS.qualityDimensions;
    const row = choiceRows.get(list)?.[Number(vocabulary[2])];
    return row === undefined ? SHEETS.choices : at(SHEETS.choices, row, vocabulary[3]?.startsWith('label') ? 'label' : 'name');
  }
  const setting = locations.get(path.split('.')[0] ?? '');
  return setting ? at(setting.sheet, setting.row, setting.column) : path;
}
