import { graphql } from '../../gql';

// The lead unit's score sheet and what changes it.

export const scoreFieldsFragment = graphql(`
  fragment ScoreGridFields on Score {
    id
    evaluateeId
    taskId
    value
    comment
    status
    version
    enteredBy
    enteredAt
    verifiedBy
    verifiedAt
    originalValue
    reviewReason
    flags {
      label
      reason
      reasonEn
    }
  }
`);

export const scoreSheetQuery = graphql(`
  query ScoreSheet($periodId: ID!) {
    scoreSheet(periodId: $periodId) {
      editable
      period {
        id
        name
        state
      }
      leadUnit {
        id
        name
      }
      tasks {
        id
        number
        text
        effectivePoints
        indicatorId
        deadline {
          phrase
          month
          state
          continuing
        }
      }
      evaluatees {
        id
        group
        unit {
          id
          name
          sortKey
        }
      }
      cells {
        evaluateeId
        taskId
        maxPoints
        score {
          ...ScoreGridFields
        }
        report {
          id
          state
          narrative
          updatedBy
          updatedAt
          evidence {
            id
            filename
            contentType
            size
            url
          }
        }
      }
    }
  }
`);

export const saveScoresMutation = graphql(`
  mutation SaveScores($input: SaveScoresInput!) {
    saveScores(input: $input) {
      ...ScoreGridFields
    }
  }
`);

export const submitScoresMutation = graphql(`
  mutation SubmitScores($input: SubmitScoresInput!) {
    submitScores(input: $input) {
      ...ScoreGridFields
    }
  }
`);

export const importScoreSheetMutation = graphql(`
  mutation ImportScoreSheet($periodId: ID!, $file: Upload!) {
    importScoreSheet(periodId: $periodId, file: $file) {
      errors {
        row
        column
        message
      }
      saved {
        ...ScoreGridFields
      }
    }
  }
`);
