import { defineMessages } from '../../lib/i18n';

// The bell in the header: its button, list and empty state. The titles and
// bodies of notifications are data, written by the server in Chinese.
export const useNotifyT = defineMessages(
  'notifications',
  {
    bell: '通知',
    bellUnread: '通知({{count}}条未读)',
    title: '通知',
    markAll: '全部标为已读',
    empty: '暂无通知',
    unread: '未读',
    failed: '通知加载失败',
  },
  {
    bell: 'Notifications',
    bellUnread: 'Notifications ({{count}} unread)',
    title: 'Notifications',
    markAll: 'Mark all as read',
    empty: 'No notifications',
    unread: 'Unread',
    failed: 'Could not load notifications',
  },
);
