import { graphql } from '../../gql';

export const periodFieldsFragment = graphql(`
  fragment PeriodWorkflowFields on Period {
    id
    planId
    half
    name
    state
    version
    nextStates
    allowedActions
    publishedAt
    events {
      at
      fromState
      toState
      reason
      username
    }
  }
`);

export const periodsPageQuery = graphql(`
  query PeriodsPage($planId: ID!) {
    plan(id: $planId) {
      id
      name
      year
      periods {
        ...PeriodWorkflowFields
      }
    }
  }
`);

export const movePeriodMutation = graphql(`
  mutation MovePeriod($input: MovePeriodInput!) {
    movePeriod(input: $input) {
      ...PeriodWorkflowFields
    }
  }
`);
