import { graphql } from '../../gql';

export const evaluateesPageQuery = graphql(`
  query EvaluateesPage($planId: ID!) {
    plan(id: $planId) {
      id
      name
      year
    }
    evaluatees(planId: $planId) {
      id
      planId
      group
      version
      unit {
        id
        name
        kind
        sortKey
      }
    }
  }
`);
