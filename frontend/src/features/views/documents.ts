import { graphql } from '../../gql';

export const aggregateQuery = graphql(`
  query Aggregate($spec: ViewSpecInput!) {
    aggregate(spec: $spec) {
      groupings
      measures
      live
      published
      rows {
        keys
        labels
        values
        groupedBy
        live
      }
    }
  }
`);

export const savedViewFields = graphql(`
  fragment SavedViewFields on SavedView {
    id
    name
    description
    builtin
    mine
    ownerName
    sharedWith
    problems
    version
    spec {
      measures
      rows
      columns
      filters {
        grouping
        values
      }
      scoreMin
      scoreMax
      rateMin
      rateMax
      chart
      compare
    }
  }
`);

export const savedViewsQuery = graphql(`
  query SavedViews {
    savedViews {
      ...SavedViewFields
    }
  }
`);

export const saveViewMutation = graphql(`
  mutation SaveView($input: SaveViewInput!) {
    saveView(input: $input) {
      ...SavedViewFields
    }
  }
`);

export const duplicateViewMutation = graphql(`
  mutation DuplicateView($id: ID!) {
    duplicateView(id: $id) {
      ...SavedViewFields
    }
  }
`);

export const deleteViewMutation = graphql(`
  mutation DeleteView($id: ID!, $version: Int!) {
    deleteView(id: $id, version: $version)
  }
`);
