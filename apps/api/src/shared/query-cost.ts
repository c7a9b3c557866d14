import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNullableType,
  GraphQLError,
  isEnumType,
  isListType,
  isObjectType,
  Kind,
  type DefinitionNode,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type TypeNode,
  type VariableDefinitionNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { requestMetrics } from './request-metrics.js';

/*
 * What an operation may cost, computed after its variables are applied: `first: $n` counts like
 * `first: 500`. A unit of cost is about one node of the answer (some 35 bytes of JSON), so the limit
 * bounds the answer before anything runs; response-cap.ts measures the real answer as a backstop.
 * The numbers are in docs/api.md ("Limits").
 */

/** How many items a list without a `first` argument is assumed to hold: typical sizes, not maxima. */
export const LIST_SIZES: Readonly<Record<string, number>> = {
  'Query.careRecipients': 500,
  'Query.followUpActions': 1000,
  'Query.templates': 10,
  // Rows an XLSForm import left out (metadata, notes): a form has a handful.
  'XlsFormImport.warnings': 20,
  'Query.users': 200,
  // The admin's account list: every user of the municipality.
  'Query.userAccounts': 500,
  'Query.roleMappings': 50,
  // A person's devices signed in: a phone, a computer, perhaps a tablet.
  'Query.mySessions': 5,
  'OrganisationView.administrations': 10,
  'OrganisationView.units': 50,
  'OrganisationView.areas': 50,
  'ChecklistTemplate.versions': 5,
  'TemplateVersion.sections': 15,
  'TemplateVersion.qualityDimensions': 10,
  'TemplateVersion.riskCategories': 10,
  'TemplateSection.items': 30,
  'TemplateItem.options': 5,
  'RiskRule.when': 3,
  'RiskRule.suggestedActions': 3,
  'ShowWhen.equals': 3,
  'TemplateItem.showWhenAll': 2,
  'AnswerCondition.equals': 3,
  'AnswerCondition.notEquals': 3,
  'Review.answers': 30,
  'Review.risks': 10,
  'Review.actions': 5,
  'IdentifiedRisk.suggestedActions': 3,
  'Query.partnerClients': 20,
  'PartnerClient.scopes': 3,
  'PartnerClient.areas': 20,
  'PartnerSelf.scopes': 3,
  'PartnerSelf.areas': 20,
  // A year by month, by unit: 12 periods × 30 units × ~15 indicator rows is the large end.
  'Query.indicators': 2000,
  // A year's table by area, category, month and housing type at its largest grouping; mostly far fewer rows.
  'Query.riskStatistics': 2000,
  'Query.actionBacklog': 50,
  // A municipality's units on the public feedback form; a page of feedback cases at its largest (its `first`
  // sits in the filter, where the cost cannot read it: at most 500).
  'Query.feedbackUnits': 50,
  'Query.feedbackCases': 500,
  // The routine register (docs/routines.md): a municipality's processes, their steps, its routines, and the
  // staff of an administration who should read one.
  'Query.routineProcesses': 30,
  'RoutineProcess.activities': 20,
  'Query.routines': 500,
  'Query.routineReaders': 500,
  // Deviations (docs/deviations.md): a page at its largest (`first` sits in the filter: at most 500), a case's
  // causes (six kinds) and actions, the IVO form's sections, and the municipality's lex Sarah group.
  'Query.deviations': 500,
  'Deviation.causes': 6,
  'Deviation.actions': 10,
  'IvoNotification.sections': 10,
  'Query.lexSarahReceivers': 20,
  'Mutation.designateLexSarahReceiver': 20,
  // User surveys (docs/user-surveys.md): a year's results of an administration (some 30 units × 20 questions,
  // national and own); a previewed file at its largest (5000 rows, a problem per column at worst); a goal's
  // cited questions and their units.
  'Query.userSurveyResults': 1500,
  'UserSurveyPreview.rows': 5000,
  'UserSurveyPreview.problems': 5000,
  'Goal.surveyEvidence': 10,
  'GoalSurveyEvidence.results': 50,
  // Self-checks (docs/self-checks.md): a page of plans (at most 500) or results (at most 100) at its largest
  // (`first` sits in the filter), a result's findings (a few of a checklist's risk items) and each one's actions.
  'Query.selfCheckPlans': 500,
  'Query.selfCheckResults': 100,
  'SelfCheckResult.findings': 10,
  'SelfCheckFinding.actions': 3,
  // A month of the daily log review's flags: a few a day in a municipality (at most 1000 are returned).
  'Query.accessReviewFlags': 100,
  // A user's own passkeys (a phone, a key or two), and the two kinds of second factor.
  'SecondFactorOverviewType.passkeys': 5,
  'SecondFactorStep.methods': 2,
  'IndicatorScope.units': 50,
  'IndicatorScope.areas': 50,
  // Already multiplied by the connection's `first`.
  'ReviewConnection.edges': 1,
  // The quality wheel (issue 9): goals of a year, their parts, a person's risks, a report's rows.
  'Query.qualityDimensions': 10,
  'Query.goals': 500,
  'Query.lessons': 100,
  'Query.overdueActions': 1000,
  'Query.careEvents': 1000,
  'Goal.activities': 20,
  'Goal.followUps': 20,
  'GoalFollowUp.evidence': 20,
  'GoalFollowUp.lessons': 5,
  'GoalFollowUp.improvementActions': 5,
  'CauseAnalysis.causes': 6,
  'RiskFollowUp.items': 30,
  'RiskFollowUp.events': 20,
  'RiskFollowUpItem.actions': 5,
  'Comparison.values': 5000,
  'QualityReport.units': 50,
  // Referrals (issue 10 §3): the page is already multiplied by `first`.
  'ReferralPage.referrals': 1,
  'Referral.risks': 10,
  'QualityReport.goals': 50,
  'QualityReport.risks': 10,
  'QualityReport.events': 3,
  'QualityReport.openImprovementActions': 100,
  'QualityReport.lessons': 100,
  // Compiled deviations and complaints (docs/quality-records.md): up to three sources, each with every
  // combination of period (the year and 12 months), category or all, unit or all: 13 × 7 × 10 at a large scope.
  'QualityRecordStatistics.units': 50,
  'QualityRecordStatistics.sources': 3,
  'QualityRecordSourceStatistics.categories': 10,
  'QualityRecordSourceStatistics.rows': 1000,
  'ReportDeviationSummary.byCategory': 10,
  'ReportDeviationSummary.causes': 6,
  'ReportFeedbackSummary.byKind': 10,
  'QualityReport.selfChecks': 30,
  // Webhooks (issue 10 §5): a partner or two, an endpoint or two each.
  'Query.webhookEndpoints': 20,
  'WebhookEndpoint.events': 2,
};

/** Fields that are much heavier than one node. */
export const FIELD_WEIGHTS: Readonly<Record<string, number>> = {
  // The seed checklist's definition is 33 kB, about 950 JSON nodes.
  'TemplateVersion.definition': 1000,
  'AuditEvent.details': 20,
};

/**
 * The largest `first` each paged field accepts; its resolver refuses more (BAD_USER_INPUT on `first`)
 * before reading anything, so a larger value is counted at this size and refused there, the same way
 * whether it was written into the document or sent as a variable.
 */
export const PAGE_MAX: Readonly<Record<string, number>> = {
  'Query.reviews': 500,
  'Query.auditEvents': 1000,
  'Query.referrals': 500,
  'Query.webhookDeliveries': 200,
  'Query.coverageWorkList': 1000,
};

const DEFAULT_LIST_SIZE = 20;

/**
 * A field costs its weight plus its children's cost, times the number of items it returns: `first`
 * (argument or variable, else the argument's default), the length of a batch sent in `input`, or the
 * assumed size of the list.
 */
export const hjuletEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const key = `${type.name}.${field.name}`;
  const weight = FIELD_WEIGHTS[key] ?? 1;
  const first: unknown = args['first'];
  if (typeof first === 'number') return weight + Math.min(Math.max(first, 0), PAGE_MAX[key] ?? first) * Math.max(childComplexity, 1);
  if (!isListType(getNullableType(field.type))) return weight + childComplexity;
  const input: unknown = args['input'];
  const size = Array.isArray(input) ? input.length : (LIST_SIZES[key] ?? DEFAULT_LIST_SIZE);
  return weight + size * Math.max(childComplexity, 1);
};

const BUILT_IN = new Set(['Int', 'Float', 'String', 'Boolean', 'ID']);
const BOOLEAN_LIST: TypeNode = { kind: Kind.LIST_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'Boolean' } } };
const BOOLEAN: TypeNode = { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'Boolean' } };
const isList = (type: TypeNode): boolean => type.kind === Kind.LIST_TYPE || (type.kind === Kind.NON_NULL_TYPE && isList(type.type));
const namedTypeOf = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type));

/**
 * The operation as the cost model needs to see it. Cost depends only on built-in scalar arguments
 * (`first`) and on the length of a batch, so a variable of an input type or custom scalar is handed on as
 * booleans of the same shape (a list of the same length): getComplexity coerces every variable, and
 * coercing a 500-review batch a second time would cost as much as the request's own coercion does.
 */
function costView(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: readonly DefinitionNode[],
  variables: Readonly<Record<string, unknown>>,
) {
  const values: Record<string, unknown> = {};
  const variableDefinitions = (operation.variableDefinitions ?? []).map((definition): VariableDefinitionNode => {
    const name = definition.variable.name.value;
    const given = Object.prototype.hasOwnProperty.call(variables, name);
    const typeName = namedTypeOf(definition.type);
    if (BUILT_IN.has(typeName) || isEnumType(schema.getType(typeName))) {
      if (given) values[name] = variables[name];
      return definition;
    }
    const fallback = definition.defaultValue;
    const value = given ? variables[name] : fallback && fallback.kind !== Kind.NULL ? (fallback.kind === Kind.LIST ? fallback.values : fallback) : undefined;
    // Left out, or null: a required variable without a value is execution's error to report, before anything runs.
    if (value !== undefined && value !== null) values[name] = Array.isArray(value) ? value.map(() => true) : true;
    return { kind: Kind.VARIABLE_DEFINITION, variable: definition.variable, type: isList(definition.type) ? BOOLEAN_LIST : BOOLEAN };
  });
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [{ ...operation, variableDefinitions }, ...fragments] };
  return { document, variables: values };
}

/** The cost of an operation as this server counts it; throws GraphQL's error for variables that do not fit. */
export function operationCost(schema: GraphQLSchema, request: CostRequest): number {
  return costOfView(schema, viewOf(schema, request));
}

type CostRequest = { document: DocumentNode; operation: OperationDefinitionNode; variables?: Readonly<Record<string, unknown>> | undefined };

function viewOf(schema: GraphQLSchema, request: CostRequest) {
  const fragments = request.document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  return costView(schema, request.operation, fragments, request.variables ?? {});
}

const costOfView = (schema: GraphQLSchema, view: ReturnType<typeof costView>): number =>
  getComplexity({ schema, query: view.document, variables: view.variables, estimators: [hjuletEstimator] });

/** How many variable sets of one operation a memo keeps a cost for, and the longest key it keeps. */
const REMEMBERED_COSTS = 32;
const REMEMBERED_KEY_LENGTH = 4096;

export interface CostMemo {
  /** `operationCost`, from memory when this operation was costed with the same variables before. */
  cost(schema: GraphQLSchema, request: CostRequest): number;
  /** Costs computed so far (one taken from memory is not computed again). */
  computed(): number;
}

/**
 * Costs remembered per parsed operation and its variables as the cost model sees them (`first`, and the
 * length of a batch, not its content). Apollo keeps the documents it parsed, so the phone's batch and the
 * dashboard's list are the same operation objects on every request; computing their cost again walked the
 * whole document with its types each time, 3 % of the API's time when 20 supervisors listed reviews with no
 * pause (issue 11). Keyed weakly by the operation, so a document Apollo forgets takes its costs with it.
 * A failing cost (a variable that does not fit) is never remembered: it throws each time.
 */
export function costMemo(): CostMemo {
  const byOperation = new WeakMap<OperationDefinitionNode, Map<string, number>>();
  let computed = 0;
  return {
    cost(schema, request) {
      const view = viewOf(schema, request);
      const key = JSON.stringify(view.variables);
      const costs = byOperation.get(request.operation);
      const known = costs?.get(key);
      if (known !== undefined) return known;
      computed += 1;
      const cost = costOfView(schema, view);
      if (key.length <= REMEMBERED_KEY_LENGTH) {
        const kept = costs ?? new Map<string, number>();
        if (!costs) byOperation.set(request.operation, kept);
        kept.set(key, cost);
        if (kept.size > REMEMBERED_COSTS) kept.delete(kept.keys().next().value as string);
      }
      return cost;
    },
    computed: () => computed,
  };
}

export class TooCostly extends GraphQLError {
  constructor() {
    super('The operation asks for too much at once: ask for fewer rows or fields', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', field: null, http: { status: 400 } },
    });
  }
}

/**
 * Whether getComplexity gave up because a variable does not fit its type or a required one has no value:
 * execution coerces variables before any resolver runs and reports that itself, with the variable's name.
 */
const isVariableError = (error: unknown) => error instanceof GraphQLError && /^(Variable "\$|Argument ")/.test(error.message);

/** Refuses an operation that would cost more than `maxCost`, before it runs; records the cost in the request's metrics. */
export function queryCostPlugin(maxCost: number): ApolloServerPlugin {
  const costs = costMemo();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operation }) {
          if (!operation) return;
          let cost: number;
          try {
            cost = costs.cost(schema, { document, operation, variables: request.variables });
          } catch (error) {
            if (isVariableError(error)) return;
            throw new TooCostly();
          }
          const metrics = requestMetrics.getStore();
          if (metrics) metrics.cost = cost;
          if (cost > maxCost) throw new TooCostly();
        },
      };
    },
  };
}

/** Every list field of the schema without a `first` argument or an assumed size, and every `first` without a maximum (a test keeps this empty). */
export function listsWithoutSize(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isListType(getNullableType(field.type))) continue;
      const key = `${type.name}.${field.name}`;
      const sized = key in LIST_SIZES || field.args.some((a) => a.name === 'input' && isListType(getNullableType(a.type)));
      if (!sized && !field.args.some((a) => a.name === 'first')) missing.push(key);
    }
    for (const field of Object.values(type.getFields())) {
      if (field.args.some((a) => a.name === 'first') && !(`${type.name}.${field.name}` in PAGE_MAX)) missing.push(`${type.name}.${field.name}(first)`);
    }
  }
  return missing;
}
