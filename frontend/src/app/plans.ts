import { graphql } from '../gql';

/** The plans the header offers and the start page chooses from. */
export const appPlansQuery = graphql(`
  query AppPlans {
    plans {
      id
      name
      year
    }
  }
`);
