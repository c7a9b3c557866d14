import { graphql } from '../../gql/index.js';

/* The dashboard's compiled deviations and complaints: counts only, suppressed by the API (docs/quality-records.md). */
export const QualityRecordsDocument = graphql(`
  query QualityRecords($year: Int!, $unitId: UUID) {
    qualityRecordStatistics(year: $year, unitId: $unitId, granularity: MONTH) {
      year
      threshold
      units {
        id
        name
      }
      sources {
        source
        categories
        rows {
          period
          category
          unitId
          received {
            count
            suppressed
          }
        }
      }
    }
  }
`);
