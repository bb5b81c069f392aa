import { graphql } from '../../gql';

/** Names of tasks and evaluatees, to show the queue's ids in words. */
export const verificationLookupQuery = graphql(`
  query VerificationLookup($planId: ID!) {
    plan(id: $planId) {
      id
      dimensions {
        id
        number
        indicators {
          id
          tasks {
            id
            number
            text
            effectivePoints
          }
        }
      }
    }
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

export const verificationQueueQuery = graphql(`
  query VerificationQueue($periodId: ID!, $status: ScoreStatus) {
    verificationQueue(periodId: $periodId, status: $status) {
      id
      evaluateeId
      taskId
      leadUnit {
        id
        name
      }
      value
      comment
      status
      enteredBy
      enteredByMe
      enteredAt
      verifiedBy
      verifiedAt
      originalValue
      reviewReason
      version
      flags {
        rule
        label
        reason
        reasonEn
        reportId
        visitId
        otherScoreIds
      }
      history {
        at
        username
        action
        oldValue
        newValue
        oldStatus
        newStatus
        reason
      }
    }
  }
`);

export const verifyScoresMutation = graphql(`
  mutation VerifyScores($input: VerifyScoresInput!) {
    verifyScores(input: $input) {
      id
      value
      status
      version
      verifiedBy
      verifiedAt
      originalValue
      reviewReason
    }
  }
`);

export const rowReportsQuery = graphql(`
  query VerificationReports($periodId: ID!, $evaluateeId: ID!) {
    progressReports(periodId: $periodId, evaluateeId: $evaluateeId) {
      id
      taskId
      state
      narrative
      updatedBy
      updatedAt
      evidence {
        id
        filename
        size
        url
      }
    }
  }
`);
