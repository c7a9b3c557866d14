import { graphql } from '../../gql/index.js';

/* The supervisors' operations: one request per view, every number from the API's one SQL definition. */

export const DashboardDocument = graphql(`
  query Dashboard(
    $period: PeriodInput!
    $trend: PeriodInput!
    $filter: IndicatorFilter
    $riskFilter: IndicatorFilter
    $trendFilter: IndicatorFilter
    $workPeriod: String!
    $workListSize: Int!
    $withWorkList: Boolean!
  ) {
    readFreshness {
      asOf
      source
    }
    indicatorScope {
      units {
        id
        name
      }
      areas {
        id
        name
      }
    }
    totals: indicators(period: $period, filter: $filter) {
      ...IndicatorFields
    }
    coverageByUnit: indicators(period: $period, groupBy: [UNIT], filter: $trendFilter) {
      ...IndicatorFields
    }
    risksByArea: indicators(period: $period, groupBy: [AREA], filter: $riskFilter) {
      ...IndicatorFields
    }
    trend: indicators(period: $trend, filter: $trendFilter) {
      ...IndicatorFields
    }
    actionBacklog(filter: $filter) {
      open
      overdue
    }
    coverageWorkList(period: $workPeriod, filter: $filter, first: $workListSize) @include(if: $withWorkList) {
      recipient {
        id
        reference
      }
      unitName
      areaName
      lastOfferedAt
    }
  }

  fragment IndicatorFields on IndicatorRow {
    indicator
    category
    period
    unitId
    unitName
    areaId
    areaName
    numerator
    denominator
    value
  }
`);

export const ComparisonDocument = graphql(`
  query Comparison($period: PeriodInput!, $filter: IndicatorFilter) {
    indicators(period: $period, groupBy: [UNIT], filter: $filter) {
      indicator
      category
      period
      unitId
      unitName
      numerator
      denominator
      value
    }
  }
`);
