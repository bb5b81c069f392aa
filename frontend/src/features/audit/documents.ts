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

/** The units that appear in the log: the auditor reads nothing else. */
export const auditUnitsQuery = graphql(`
  query AuditUnits {
    auditLogUnits {
      id
      name
      kind
    }
  }
`);
