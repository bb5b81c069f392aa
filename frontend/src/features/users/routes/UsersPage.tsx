import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Flex, Grid, Input, Popconfirm, Segmented, Select, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { QueryError } from '../../../components/QueryState';
import type { Role } from '../../../gql/graphql';
import { useSession } from '../../../lib/session';
import { useShowError } from '../../../lib/useShowError';
import { ResetPasswordModal } from '../components/ResetPasswordModal';
import { UserModal, type UserRow } from '../components/UserModal';
import { unlockUserMutation, usersPageQuery } from '../documents';
import { emptyUserFilter, filterUsers, type UserListFilter } from '../filter';
import { formatTime } from '../../../lib/datetime';
import { allRoles, roleColors, roleLabel, sortRoles, totpStatus } from '../roles';

const usersContext = { additionalTypenames: ['User', 'Unit'] };

/** `/users` (系统管理员): accounts, their roles and units, with create, edit, password reset and unlock. */
export function UsersPage() {
  const { message } = App.useApp();
  const showError = useShowError();
  const selfId = useSession().session?.user.id;
  const [{ data, fetching, error }, reexecute] = useQuery({ query: usersPageQuery, context: useMemo(() => usersContext, []) });
  const [, unlock] = useMutation(unlockUserMutation);
  const [filter, setFilter] = useState<UserListFilter>(emptyUserFilter);
  const [editing, setEditingState] = useState<{ open: boolean; existing: UserRow | null }>({ open: false, existing: null });
  const [resetting, setResettingState] = useState<UserRow | null>(null);
  // Each opening gets a fresh form (a new key): a form keeps what was typed
  // in it, and 新增用户 must not start from the user edited before.
  const [opened, setOpened] = useState(0);
  const setEditing = (e: { open: boolean; existing: UserRow | null }) => {
    if (e.open) setOpened((n) => n + 1);
    setEditingState(e);
  };
  const setResetting = (u: UserRow | null) => {
    if (u) setOpened((n) => n + 1);
    setResettingState(u);
  };
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  // On a phone, name and username share one column.
  const narrow = !(Grid.useBreakpoint().md ?? true);

  const users = useMemo(() => data?.users ?? [], [data]);
  const units = useMemo(() => data?.units ?? [], [data]);
  const shown = useMemo(() => filterUsers(users, filter), [users, filter]);
  const enabledCount = users.filter((u) => u.enabled).length;

  const doUnlock = async (u: UserRow) => {
    const r = await unlock({ id: u.id });
    if (r.error) showError(r.error);
    else void message.success(`已解锁“${u.displayName}”,可以重新登录`);
  };

  const nameColumns: TableColumnsType<UserRow> = narrow
    ? [
        {
          title: '用户',
          key: 'user',
          render: (_, u) => (
            <Flex vertical>
              <Typography.Text strong delete={!u.enabled} style={{ whiteSpace: 'nowrap' }}>
                {u.displayName}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {u.username}
              </Typography.Text>
            </Flex>
          ),
        },
      ]
    : [];
  const columns: TableColumnsType<UserRow> = [
    ...nameColumns,
    {
      hidden: narrow,
      title: '用户名',
      dataIndex: 'username',
      render: (name: string, u) => (
        <Typography.Text strong delete={!u.enabled} style={{ whiteSpace: 'nowrap' }}>
          {name}
        </Typography.Text>
      ),
    },
    { hidden: narrow, title: '姓名', dataIndex: 'displayName', render: (n: string) => <span style={{ whiteSpace: 'nowrap' }}>{n}</span> },
    {
      title: '单位',
      key: 'unit',
      responsive: ['md'],
      render: (_, u) => (u.unit ? u.unit.name : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (roles: Role[]) => (
        <Flex gap={4} wrap="wrap">
          {sortRoles(roles).map((r) => (
            <Tag key={r} color={roleColors[r]} style={{ marginInlineEnd: 0 }}>
              {roleLabel(r)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 120,
      render: (_, u) => (
        <Flex vertical gap={2}>
          {u.enabled ? <Badge status="success" text="启用" /> : <Badge status="default" text="停用" />}
          {u.mustChangePassword && (
            <Tooltip title="管理员设置或重置的密码,用户下次登录时必须修改">
              <Typography.Text type="warning" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                待修改初始密码
              </Typography.Text>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      responsive: ['lg'],
      render: (at: string | null) =>
        at ? (
          <span style={{ whiteSpace: 'nowrap' }}>{formatTime(at)}</span>
        ) : (
          <Typography.Text type="secondary">从未登录</Typography.Text>
        ),
    },
    {
      title: '动态验证码',
      key: 'totp',
      responsive: ['md'],
      render: (_, u) => {
        const s = totpStatus(u);
        return (
          <Tag color={s.color} style={{ marginInlineEnd: 0 }}>
            {s.label}
          </Tag>
        );
      },
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, u) => (
        <Flex wrap="wrap">
          <Button type="link" size="small" onClick={() => setEditing({ open: true, existing: u })}>
            编辑
          </Button>
          <Button type="link" size="small" onClick={() => setResetting(u)}>
            重置密码
          </Button>
          <Popconfirm
            title={`解锁“${u.displayName}”?`}
            description="连续输错密码被锁定的账号,解锁后可立即重新登录。"
            okText="解锁"
            cancelText="取消"
            onConfirm={() => doUnlock(u)}
          >
            <Button type="link" size="small">
              解锁
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title="用户管理"
        hint="系统管理员管理账号、角色和所在单位,不参与评分(三员分立)。修改角色、停用账号或重置密码后,该用户已登录的会话立即结束。"
        actions={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ open: true, existing: null })}>
            新增用户
          </Button>
        }
      />
      {error && !data ? (
        <QueryError error={error} onRetry={reload} />
      ) : (
        <Card size="small">
          <Flex gap={12} wrap="wrap" align="center" style={{ marginBottom: 12 }}>
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder="按用户名、姓名或单位查找"
              aria-label="查找用户"
              value={filter.search}
              onChange={(e) => setFilter({ ...filter, search: e.target.value })}
              style={{ width: narrow ? '100%' : 240 }}
            />
            <Select<Role>
              allowClear
              placeholder="全部角色"
              aria-label="按角色筛选"
              value={filter.role ?? undefined}
              onChange={(role) => setFilter({ ...filter, role: role ?? null })}
              options={allRoles.map((r) => ({ value: r, label: roleLabel(r) }))}
              style={{ width: narrow ? '100%' : 170 }}
            />
            <Segmented<UserListFilter['status']>
              value={filter.status}
              onChange={(status) => setFilter({ ...filter, status })}
              options={[
                { value: 'ALL', label: `全部(${users.length})` },
                { value: 'ENABLED', label: `启用(${enabledCount})` },
                { value: 'DISABLED', label: `停用(${users.length - enabledCount})` },
              ]}
            />
          </Flex>
          <Table<UserRow>
            rowKey="id"
            columns={columns}
            dataSource={shown}
            loading={fetching && !data}
            pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            size="middle"
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: users.length === 0 ? '还没有用户' : '没有符合条件的用户' }}
          />
        </Card>
      )}
      <UserModal
        key={`user-${opened}`}
        open={editing.open}
        existing={editing.existing}
        units={units}
        selfId={selfId}
        onClose={() => setEditing({ open: false, existing: null })}
        onConflict={reload}
      />
      <ResetPasswordModal key={`reset-${opened}`} user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
