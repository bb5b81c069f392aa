import { graphql } from '../../gql';

export const overdueBoardQuery = graphql(`
  query OverdueBoard($filter: OverdueFilter!, $all: OverdueFilter!) {
    overdueTasks(filter: $filter) {
      taskId
      taskNumber
      taskText
      dimensionNumber
      deadline {
        phrase
        month
        state
        continuing
      }
      evaluateeId
      unitName
      group
      leadUnits {
        id
        name
      }
      reportId
      reportPeriodId
      reportState
      reportUpdatedAt
    }
    overdueCounts(filter: $all) {
      total
      judgedOn
      byEvaluatee {
        id
        name
        count
      }
      byLeadUnit {
        id
        name
        count
      }
    }
  }
`);
