import { graphql } from '../../gql';

export const visitFieldsFragment = graphql(`
  fragment FieldVisitFields on FieldVisit {
    id
    date
    status
    version
    canRecord
    canReview
    canReopen
    canEdit
    canCancel
    reviewNote
    reviewedBy
    reviewedAt
    submittedAt
    signedBy
    signatureUrl
    createdBy
    period {
      id
      name
    }
    evaluatee {
      id
      unit {
        id
        name
      }
    }
    inspectors {
      userId
      displayName
    }
    items {
      task {
        id
        number
        text
        deadline {
          phrase
        }
      }
      report {
        id
        state
        narrative
        updatedAt
        evidence {
          id
          filename
          url
        }
      }
      finding {
        id
        taskId
        judgement
        note
        observedAt
        latitude
        longitude
        accuracy
        recordedBy
        updatedAt
        version
      }
      photos {
        id
        clientId
        url
        size
        uploadedBy
        uploadedAt
      }
    }
    events {
      fromStatus
      toStatus
      reason
      username
      at
    }
  }
`);

export const myFieldVisitsQuery = graphql(`
  query MyFieldVisits {
    myFieldVisits {
      ...FieldVisitFields
    }
  }
`);

export const fieldVisitQuery = graphql(`
  query FieldVisit($id: ID!) {
    fieldVisit(id: $id) {
      ...FieldVisitFields
    }
  }
`);

export const fieldVisitsQuery = graphql(`
  query FieldVisits($periodId: ID!, $statuses: [VisitStatus!]) {
    fieldVisits(periodId: $periodId, statuses: $statuses) {
      ...FieldVisitFields
    }
  }
`);

export const syncFieldVisitMutation = graphql(`
  mutation SyncFieldVisit($input: SyncFieldVisitInput!) {
    syncFieldVisit(input: $input) {
      findings {
        clientId
        taskId
        outcome
        message
        finding {
          judgement
          note
          recordedBy
          updatedAt
          version
        }
        yours {
          judgement
          note
        }
      }
      photos {
        clientId
        taskId
        outcome
        message
      }
      visit {
        ...FieldVisitFields
      }
    }
  }
`);

export const submitFieldVisitMutation = graphql(`
  mutation SubmitFieldVisit($input: SubmitFieldVisitInput!) {
    submitFieldVisit(input: $input) {
      ...FieldVisitFields
    }
  }
`);

export const reviewFieldVisitMutation = graphql(`
  mutation ReviewFieldVisit($input: ReviewFieldVisitInput!) {
    reviewFieldVisit(input: $input) {
      ...FieldVisitFields
    }
  }
`);

export const reopenFieldVisitMutation = graphql(`
  mutation ReopenFieldVisit($input: ReopenFieldVisitInput!) {
    reopenFieldVisit(input: $input) {
      ...FieldVisitFields
    }
  }
`);

export const planningOptionsQuery = graphql(`
  query FieldVisitPlanningOptions($planId: ID!) {
    evaluatees(planId: $planId) {
      id
      group
      unit {
        id
        name
      }
    }
    inspectors {
      id
      displayName
      unit {
        id
        name
      }
    }
  }
`);

export const checklistPreviewQuery = graphql(`
  query FieldVisitChecklist($periodId: ID!, $evaluateeId: ID!) {
    fieldVisitChecklist(periodId: $periodId, evaluateeId: $evaluateeId) {
      task {
        id
        number
        text
        deadline {
          phrase
        }
      }
      report {
        id
        state
        narrative
        updatedAt
        evidence {
          id
          filename
          url
        }
      }
    }
  }
`);

export const planFieldVisitMutation = graphql(`
  mutation PlanFieldVisit($input: PlanFieldVisitInput!) {
    planFieldVisit(input: $input) {
      ...FieldVisitFields
    }
  }
`);

export const updateFieldVisitMutation = graphql(`
  mutation UpdateFieldVisit($input: UpdateFieldVisitInput!) {
    updateFieldVisit(input: $input) {
      ...FieldVisitFields
    }
  }
`);

export const cancelFieldVisitMutation = graphql(`
  mutation CancelFieldVisit($input: CancelFieldVisitInput!) {
    cancelFieldVisit(input: $input) {
      ...FieldVisitFields
    }
  }
`);
