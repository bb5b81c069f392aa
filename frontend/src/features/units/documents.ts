import { graphql } from '../../gql';

export const unitsPageQuery = graphql(`
  query UnitsPage {
    units {
      id
      name
      kind
      aliases
      sortKey
      version
    }
  }
`);
