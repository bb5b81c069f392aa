import { graphql } from '../../gql';

// A task as the plan tree, the task form and the task detail show it; one
// fragment so the three cannot drift apart.
export const planTaskFields = graphql(`
  fragment PlanTaskFields on Task {
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
`);

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
            ...PlanTaskFields
          }
        }
      }
    }
  }
`);
