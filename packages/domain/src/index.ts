export * from './template.types.js';
export * from './vocabulary.js';
export { FIXED_CHOICES, allowedChoices, isItemRequired } from './answer-rules.js';
export { conditionsOf, isRiskAnswer, passesTest } from './answer-conditions.js';
export type { AnswerTest, AnswerTestName } from './answer-conditions.js';
export { KEY_PATTERN, TEMPLATE_KEY_PATTERN, allItems, findItem, parseTemplateDefinition } from './template-definition.js';
export type { TemplateDefinitionResult, TemplateIssueCode } from './template-definition.js';
export { isItemVisible, normalizeAnswers, validateAnswerValue, validateAnswers, visibleItems } from './answers.js';
export type { AnswerIssueCode } from './answers.js';
export { deriveRisks } from './risks.js';
export { acceptance, actionClosure, coverage, medianDaysToClose, riskPrevalence } from './indicators.js';
export type { ClosableAction, FoundAndClosed, Ratio } from './indicators.js';
export { parsePeriod, periodKeyOf } from './period.js';
export type { Period } from './period.js';
export { DEFAULT_SUPPRESSION_THRESHOLD, suppressSmallCells } from './suppression.js';
export type { SafeCount, SuppressedTable, TableCell } from './suppression.js';
export { DomainError } from './domain-error.js';
export {
  ACTIVITY_STATUSES,
  DEFAULT_QUALITY_DIMENSIONS,
  EVENT_KINDS,
  IMPROVEMENT_STATUSES,
  INDICATOR_KEYS,
  RISK_CAUSES,
  RISK_EFFECTS,
  TARGET_DIRECTIONS,
  compareRisks,
  meetsTarget,
  parseComparisonCsv,
  parseKoladaJson,
} from './quality-loop.js';
export type {
  ActivityStatus,
  ComparisonValue,
  EventKind,
  ImportIssue,
  ImportResult,
  ImprovementStatus,
  IndicatorKey,
  RiskCause,
  RiskEffect,
  RiskEffectRow,
  TargetDirection,
} from './quality-loop.js';
export { buildGrid, determinedEntries, isMarginSafe, suppressGrid, DEFAULT_THRESHOLD } from './statistics-grid.js';
export type { Grid, GridDimension, Margin } from './statistics-grid.js';
export { periodsOfYear, publishRiskStatistics, STATISTICS_MEASURES, STATISTICS_THRESHOLD } from './risk-statistics.js';
export type { PublishedCount, StatisticsCount, StatisticsMeasure, StatisticsPublication } from './risk-statistics.js';
export * from './user-lifecycle.js';
export * from './feedback.js';
export * from './routines.js';
export * from './deviations.js';
export * from './quality-record-statistics.js';
export * from './user-surveys.js';
export * from './self-checks.js';
