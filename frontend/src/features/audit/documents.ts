import { graphql } from '../../gql';

export const auditLogQuery = graphql(`
  query AuditLog($filter: AuditFilter, $offset: Int, $limit: Int) {
    auditLog(filter: $filter, offset: $offset, limit: $limit) {
      total
      records {
        id
        at
        username
        roles
        unitName
        clientAddr
        requestId
        operation
        outcome
        objectType
        objectId
        before
        after
        detail
      }
    }
  }
`);

export const auditUnitsQuery = graphql(`
  query AuditUnits {
    units {
      id
      name
      kind
    }
  }
`);
