import { graphql } from '../../gql';

export const homePeriodFields = graphql(`
  fragment HomePeriodFields on HomePeriod {
    periodId
    planId
    planName
    planYear
    periodName
    state
    entryClosesOn
    publicityEndsOn
    daysLeft
    open
    returned
    total
    missingImports
    objections
    objectionsAnswered
    rank
    score
    evaluateeId
  }
`);

/** Everything the home page shows: one request, one bounded statement per section on the server. */
export const homeQuery = graphql(`
  query Home {
    home {
      today
      scorer {
        ...HomePeriodFields
      }
      taskForce {
        ...HomePeriodFields
      }
      contact {
        ...HomePeriodFields
      }
      inspector {
        visits {
          id
          evaluateeName
          date
          status
          items
        }
      }
      leader {
        ranking {
          periodId
          planId
          planName
          periodName
          publishedAt
          groups {
            group
            ranked
            top {
              rank
              unitName
              evaluateeId
              score
            }
          }
        }
      }
      auditor {
        refusedTotal
        refused {
          id
          at
          username
          operation
          detail
        }
      }
    }
  }
`);

/** Submitted scores of a period that raise a consistency flag (疑点), for the 专班's home. */
export const flaggedScoreCountQuery = graphql(`
  query HomeFlaggedScoreCount($periodId: ID!) {
    flaggedScoreCount(periodId: $periodId)
  }
`);
