import { graphql } from '../../gql/index.js';

/* The dashboard's user-survey section: a year's results in the scope, with the year before beside each. */
export const UserSurveyResultsDocument = graphql(`
  query UserSurveyResults($year: Int!, $unitId: UUID) {
    userSurveyResults(year: $year, unitId: $unitId) {
      surveyId
      source
      surveyName
      year
      unitId
      unitName
      question
      sharePositive
      respondents
      suppressed
      previous {
        sharePositive
        respondents
        suppressed
      }
    }
  }
`);
