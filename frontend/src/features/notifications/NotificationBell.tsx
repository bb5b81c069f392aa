import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, List, Popover, Tag, theme, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { formatTime } from '../../lib/datetime';
import { enumLabel } from '../../lib/enumLabels';
import { bilingual, useLocale } from '../../lib/i18n';
import { ServerText } from '../../components/ServerText';
import { bellQuery, markReadMutation } from './documents';
import { useNotifyT } from './messages';

/** How often the bell asks again while the page is open; also on every navigation. */
const pollMs = 60_000;
const pageSize = 20;

/**
 * The header's bell: the signed-in user's unread count on a badge, the latest
 * notifications in a popover. Opening one marks it read and follows its link;
 * 全部标为已读 marks them all.
 */
export function NotificationBell({ compact }: { compact?: boolean }) {
  const t = useNotifyT();
  const { locale } = useLocale();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const [{ data, error }, refetch] = useQuery({ query: bellQuery, variables: { first: pageSize }, requestPolicy: 'cache-and-network' });
  const [{ fetching: marking }, markRead] = useMutation(markReadMutation);

  // Modest polling, and a fresh count after each navigation (a page the
  // user just acted on may have caused or answered a notification).
  useEffect(() => {
    const timer = window.setInterval(() => refetch({ requestPolicy: 'network-only' }), pollMs);
    return () => window.clearInterval(timer);
  }, [refetch]);
  useEffect(() => {
    refetch({ requestPolicy: 'network-only' });
  }, [location.pathname, location.search, refetch]);

  const unread = data?.unreadNotificationCount ?? 0;
  const items = data?.notifications ?? [];

  async function openOne(id: string, link: string, wasRead: boolean) {
    setOpen(false);
    if (!wasRead) await markRead({ ids: [id], all: false });
    navigate(link);
    refetch({ requestPolicy: 'network-only' });
  }

  async function markAll() {
    await markRead({ ids: null, all: true });
    refetch({ requestPolicy: 'network-only' });
  }

  const content = (
    <div style={{ width: compact ? 'min(290px, calc(100vw - 80px))' : 380 }} data-testid="notification-list">
      {error && !data ? (
        <Typography.Text type="danger">{t('failed')}</Typography.Text>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          style={{ maxHeight: 420, overflowY: 'auto', marginInline: -12 }}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              onClick={() => void openOne(n.id, n.link, !!n.readAt)}
              style={{
                cursor: 'pointer',
                paddingInline: 12,
                background: n.readAt ? undefined : token.colorPrimaryBg,
                borderInlineStart: `3px solid ${n.readAt ? 'transparent' : token.colorPrimary}`,
              }}
            >
              <List.Item.Meta
                title={
                  <Flex gap={6} align="baseline" wrap>
                    <Typography.Link style={{ fontWeight: n.readAt ? 400 : 600, color: token.colorText }}><ServerText zh={n.title} en={n.titleEn} />
                    </Typography.Link>
                  </Flex>
                }
                description={
                  <Flex vertical gap={2}>
                    {n.body && (
                      <Typography.Text type="secondary" ellipsis={{ tooltip: bilingual(locale, n.body, n.bodyEn) }}>
                        <ServerText zh={n.body} en={n.bodyEn} />
                      </Typography.Text>
                    )}
                    <Flex gap={6} align="center">
                      <Tag bordered={false} style={{ marginInlineEnd: 0 }}>
                        {enumLabel('NotificationKind', n.kind)}
                      </Tag>
                      <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                        {formatTime(n.createdAt)}
                      </Typography.Text>
                      {!n.readAt && <Badge status="processing" text={t('unread')} />}
                    </Flex>
                  </Flex>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      arrow={false}
      title={
        <Flex justify="space-between" align="center">
          <span>{t('title')}</span>
          <Button type="link" size="small" disabled={unread === 0} loading={marking} onClick={() => void markAll()}>
            {t('markAll')}
          </Button>
        </Flex>
      }
      content={content}
    >
      <Button
        type="text"
        aria-label={unread > 0 ? t('bellUnread', { count: unread }) : t('bell')}
        data-testid="notification-bell"
        style={{ paddingInline: compact ? 4 : 8 }}
        icon={
          <Badge count={unread} size="small" overflowCount={99} offset={[2, -2]}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
