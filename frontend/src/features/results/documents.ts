import { graphql } from '../../gql';

/** The plan's dimensions (all seven columns) and its rule for missing components. */
export const resultsPlanQuery = graphql(`
  query ResultsPlan($planId: ID!) {
    plan(id: $planId) {
      id
      missingComponentRule
      dimensions {
        id
        number
        name
        points
      }
    }
  }
`);

// The whole group's rows as the server prepares them (rowsJson, read by
// rankingRows.ts), not typed rows: ~100 fields a row the server would
// otherwise resolve one by one for a province's 1,200-row groups.
export const rankingQuery = graphql(`
  query Ranking($periodId: ID!, $group: RankingGroup!) {
    ranking(periodId: $periodId, group: $group) {
      preview
      publishedAt
      group
      period {
        id
        name
        state
      }
      rowsJson
    }
  }
`);

/**
 * The urql context of the ranking documents. Besides what changes scores,
 * rowsJson carries no typenames of its own: name those of the rows, so that
 * renaming a unit or moving an evaluatee still reloads the ranking.
 */
export const rankingContext = { additionalTypenames: ['Score', 'Period', 'SourceValue', 'Evaluatee', 'Unit'] };

export const annualRankingQuery = graphql(`
  query AnnualRanking($planId: ID!, $group: RankingGroup!) {
    annualRanking(planId: $planId, group: $group) {
      preview
      publishedAt
      group
      rowsJson
    }
  }
`);

export const breakdownQuery = graphql(`
  query Breakdown($periodId: ID!, $evaluateeId: ID!) {
    breakdown(periodId: $periodId, evaluateeId: $evaluateeId) {
      preview
      score
      exact
      missingScores
      period {
        id
        name
        state
        publishedAt
      }
      evaluatee {
        id
        group
        unit {
          id
          name
        }
      }
      components {
        method
        weight
        value
      }
      dimensions {
        dimensionId
        number
        name
        points
        carriedPoints
        earned
        score
      }
      steps {
        label
        formula
        detail
        labelEn
        formulaEn
        detailEn
      }
      tasks {
        taskId
        number
        text
        dimensionId
        points
        score
        missing
        scores {
          scoreId
          leadUnitName
          value
          status
          enteredBy
          enteredAt
          verifiedBy
          verifiedAt
          originalValue
          reviewReason
          counted
        }
      }
    }
  }
`);

export const rankChangesQuery = graphql(`
  query RankChanges($periodId: ID!, $group: RankingGroup!) {
    rankChanges(periodId: $periodId, group: $group) {
      previousName
      rows {
        evaluateeId
        rank
        previousRank
        change
      }
    }
  }
`);

export const annualRankChangesQuery = graphql(`
  query AnnualRankChanges($planId: ID!, $group: RankingGroup!) {
    annualRankChanges(planId: $planId, group: $group) {
      previousName
      rows {
        evaluateeId
        rank
        previousRank
        change
      }
    }
  }
`);

export const evaluateeProfileQuery = graphql(`
  query EvaluateeProfile($periodId: ID!, $evaluateeId: ID!) {
    evaluateeProfile(periodId: $periodId, evaluateeId: $evaluateeId) {
      rank
      groupSize
      groupRates {
        dimensionId
        average
        best
      }
      indicators {
        indicatorId
        dimensionId
        number
        name
        points
        carriedPoints
        earned
        rate
        taskIds
      }
      taskEvidence {
        taskId
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
        photos {
          id
          url
        }
      }
      breakdown {
        preview
        score
        exact
        missingScores
        period {
          id
          name
          state
          publishedAt
        }
        evaluatee {
          id
          group
          unit {
            id
            name
          }
        }
        components {
          method
          weight
          value
        }
        dimensions {
          dimensionId
          number
          name
          points
          carriedPoints
          earned
          score
        }
        steps {
          label
          formula
          detail
          labelEn
          formulaEn
          detailEn
        }
        tasks {
          taskId
          number
          text
          dimensionId
          points
          score
          missing
          finding {
            visitId
            visitDate
            judgement
            note
            photos
          }
          scores {
            scoreId
            leadUnitName
            value
            status
            enteredBy
            enteredAt
            verifiedBy
            verifiedAt
            originalValue
            reviewReason
            counted
            flags {
              rule
              label
              reason
              reasonEn
            }
          }
        }
      }
    }
  }
`);

export const evaluateeTrendQuery = graphql(`
  query EvaluateeTrend($evaluateeId: ID!) {
    evaluateeTrend(evaluateeId: $evaluateeId) {
      year
      preview
      score
      rank
      groupAverage
      groupSize
      period {
        id
        name
        half
      }
    }
  }
`);

export const compareEvaluateesQuery = graphql(`
  query CompareEvaluatees($periodId: ID!, $evaluateeIds: [ID!]!) {
    compareEvaluatees(periodId: $periodId, evaluateeIds: $evaluateeIds) {
      preview
      period {
        id
        name
      }
      rows {
        rank
        score
        evaluatee {
          id
          group
          unit {
            id
            name
          }
        }
        components {
          method
          weight
          value
        }
        dimensions {
          dimensionId
          number
          name
          points
          score
        }
        indicators {
          indicatorId
          dimensionId
          number
          name
          points
          rate
        }
      }
    }
  }
`);

/** Every evaluatee of the plan, to search for the ones to compare. */
export const compareChoicesQuery = graphql(`
  query CompareChoices($planId: ID!) {
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
