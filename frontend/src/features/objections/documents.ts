import { graphql } from '../../gql';

/** The plan's tasks and evaluatees, to name what an objection is about. */
export const objectionPlanQuery = graphql(`
  query ObjectionPlan($planId: ID!) {
    plan(id: $planId) {
      id
      name
      year
      dimensions {
        id
        number
        indicators {
          id
          number
          tasks {
            id
            number
            text
            evaluatees {
              id
            }
          }
        }
      }
      evaluatees {
        id
        group
        unit {
          id
          name
        }
      }
    }
  }
`);

/** The period's 公示 window and its objection counts. */
export const objectionPeriodQuery = graphql(`
  query ObjectionPeriod($periodId: ID!) {
    period(id: $periodId) {
      id
      name
      state
      version
      publicityEndsOn
      objectionsFiled
      objectionsUpheld
      objectionsOpen
    }
  }
`);

export const objectionFields = graphql(`
  fragment ObjectionFields on Objection {
    id
    periodId
    evaluateeId
    taskId
    reason
    status
    filedBy
    filedAt
    answer
    answeredBy
    answeredAt
    correction
    version
    evidence {
      id
      filename
      contentType
      size
      url
    }
    scores {
      id
      taskId
      value
      status
      version
      enteredBy
      enteredByMe
      originalValue
      reviewReason
      leadUnit {
        id
        name
      }
    }
  }
`);

/** A period's objections: all of them for the 专班, the own unit's for a contact. */
export const objectionsQuery = graphql(`
  query Objections($periodId: ID!, $status: ObjectionStatus) {
    objections(periodId: $periodId, status: $status) {
      ...ObjectionFields
    }
  }
`);

export const fileObjectionMutation = graphql(`
  mutation FileObjection($input: FileObjectionInput!) {
    fileObjection(input: $input) {
      ...ObjectionFields
    }
  }
`);

export const answerObjectionMutation = graphql(`
  mutation AnswerObjection($input: AnswerObjectionInput!) {
    answerObjection(input: $input) {
      ...ObjectionFields
    }
  }
`);
