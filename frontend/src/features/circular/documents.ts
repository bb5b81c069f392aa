import { graphql } from '../../gql';

export const circularPlaceFragment = graphql(`
  fragment CircularPlaceFields on CircularPlace {
    rank
    evaluateeId
    unitName
    score
    change
  }
`);

export const circularQuery = graphql(`
  query Circular($periodId: ID!) {
    objectionCounts: period(id: $periodId) {
      id
      state
      objectionsFiled
      objectionsUpheld
    }
    circular(periodId: $periodId) {
      title
      periodName
      publishedAt
      preview
      previousName
      groups {
        group
        title
        paragraph
        ranking {
          ...CircularPlaceFields
        }
        dimensions {
          number
          name
          top {
            ...CircularPlaceFields
          }
          bottom {
            ...CircularPlaceFields
          }
        }
      }
    }
  }
`);
