import { graphql } from '../../gql';

/** The bell: the unread count and the latest notifications, in one request (three bounded statements on the server). */
export const bellQuery = graphql(`
  query NotificationBell($first: Int!) {
    unreadNotificationCount
    notifications(first: $first) {
      id
      kind
      title
      body
      titleEn
      bodyEn
      link
      createdAt
      readAt
    }
  }
`);

export const markReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!], $all: Boolean!) {
    markNotificationsRead(ids: $ids, all: $all)
  }
`);
