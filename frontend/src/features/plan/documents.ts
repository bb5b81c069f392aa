import { graphql } from '../../gql';

// The plan page's query: the whole indicator tree of one plan. The task
// detail, forms and assignment editor keep their documents beside them.
export const planPageQuery = graphql(`
  query PlanPage($id: ID!) {
    plan(id: $id) {
      id
      name
      year
      totalPoints
      version
      missingComponentRule
      weights {
        dailyMonitoring
        fieldVisits
        publicOpinion
        thirdParty
      }
      dimensions {
        id
        number
        name
        points
        version
        indicators {
          id
          dimensionId
          number
          name
          points
          version
          tasks {
            id
            indicatorId
            number
            text
            points
            effectivePoints
            version
            deadline {
              phrase
              month
              state
              continuing
            }
            leadUnits {
              id
              name
            }
          }
        }
      }
    }
  }
`);
