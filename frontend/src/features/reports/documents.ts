import { graphql } from '../../gql';

/** The plan's tasks with who carries them, and the plan's evaluatees (to find the contact's own). */
export const reportsPlanQuery = graphql(`
  query ReportsPlan($planId: ID!) {
    plan(id: $planId) {
      id
      dimensions {
        id
        number
        name
        indicators {
          id
          number
          name
          tasks {
            id
            number
            text
            effectivePoints
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
            evaluatees {
              id
            }
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
      }
    }
  }
`);

export const reportFieldsFragment = graphql(`
  fragment ProgressReportFields on ProgressReport {
    id
    periodId
    evaluateeId
    taskId
    state
    narrative
    updatedBy
    updatedAt
    version
    evidence {
      id
      filename
      contentType
      size
      url
      uploadedBy
      uploadedAt
    }
  }
`);

export const progressReportsQuery = graphql(`
  query ProgressReports($periodId: ID!, $evaluateeId: ID!) {
    progressReports(periodId: $periodId, evaluateeId: $evaluateeId) {
      ...ProgressReportFields
    }
  }
`);

export const saveProgressReportMutation = graphql(`
  mutation SaveProgressReport($input: SaveProgressReportInput!) {
    saveProgressReport(input: $input) {
      ...ProgressReportFields
    }
  }
`);

export const uploadEvidenceMutation = graphql(`
  mutation UploadEvidence($reportId: ID!, $file: Upload!) {
    uploadEvidence(reportId: $reportId, file: $file) {
      id
      filename
      size
    }
  }
`);

export const deleteEvidenceMutation = graphql(`
  mutation DeleteEvidence($id: ID!) {
    deleteEvidence(id: $id)
  }
`);
