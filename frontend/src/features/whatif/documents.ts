import { graphql } from '../../gql';

export const whatIfEvaluateesQuery = graphql(`
  query WhatIfEvaluatees($planId: ID!) {
    evaluatees(planId: $planId) {
      id
      group
      unit {
        id
        name
        sortKey
      }
    }
  }
`);

export const whatIfQuery = graphql(`
  query WhatIf($periodId: ID!, $evaluateeId: ID!) {
    whatIf(periodId: $periodId, evaluateeId: $evaluateeId) {
      assumption
      assumptionEn
      current {
        score
        rank
        groupSize
      }
      tasks {
        task {
          id
          number
          text
        }
        maxPoints
        currentScores
        gain
        gainExact
        rankGain
        outcome {
          score
          rank
          groupSize
        }
      }
    }
  }
`);

export const whatIfTryQuery = graphql(`
  query WhatIfTry($periodId: ID!, $evaluateeId: ID!, $changes: [WhatIfChangeInput!]!) {
    whatIfTry(periodId: $periodId, evaluateeId: $evaluateeId, changes: $changes) {
      score
      exact
      rank
      groupSize
    }
  }
`);
