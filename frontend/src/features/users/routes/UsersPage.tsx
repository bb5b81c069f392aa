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
import { useCommonT } from '../../../lib/messages';
import { useUsersT } from '../messages';
import { allRoles, roleColors, roleLabel, sortRoles, totpStatus } from '../roles';

const usersContext = { additionalTypenames: ['User', 'Unit'] };

/** `/users` (系统管理员): accounts, their roles and units, with create, edit, password reset and unlock. */
export function UsersPage() {
  const t = useUsersT();
  const common = useCommonT();
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
    else void message.success(t('unlocked', { name: u.displayName }));
  };

  const nameColumns: TableColumnsType<UserRow> = narrow
    ? [
        {
          title: t('colUser'),
          key: 'user',
          render: (_, u) => (
            <Flex vertical>
              <Typography.Text strong delete={!u.enabled} style={{ whiteSpace: 'nowrap' }} data-i18n="data">
                {u.displayName}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-i18n="data">
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
      title: t('colUsername'),
      dataIndex: 'username',
      render: (name: string, u) => (
        <Typography.Text strong delete={!u.enabled} style={{ whiteSpace: 'nowrap' }} data-i18n="data">
          {name}
        </Typography.Text>
      ),
    },
    { hidden: narrow, title: t('colName'), dataIndex: 'displayName', render: (n: string) => <span style={{ whiteSpace: 'nowrap' }} data-i18n="data">{n}</span> },
    {
      title: t('colUnit'),
      key: 'unit',
      responsive: ['md'],
      render: (_, u) => (u.unit ? <span data-i18n="data">{u.unit.name}</span> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: t('colRoles'),
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
      title: t('colStatus'),
      key: 'status',
      width: 120,
      render: (_, u) => (
        <Flex vertical gap={2}>
          {u.enabled ? <Badge status="success" text={t('enabled')} /> : <Badge status="default" text={t('disabled')} />}
          {u.mustChangePassword && (
            <Tooltip title={t('mustChangeHint')}>
              <Typography.Text type="warning" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {t('mustChange')}
              </Typography.Text>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    {
      title: t('colLastLogin'),
      dataIndex: 'lastLoginAt',
      responsive: ['lg'],
      render: (at: string | null) =>
        at ? (
          <span style={{ whiteSpace: 'nowrap' }}>{formatTime(at)}</span>
        ) : (
          <Typography.Text type="secondary">{t('neverSignedIn')}</Typography.Text>
        ),
    },
    {
      title: t('colTotp'),
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
      title: t('colActions'),
      key: 'actions',
      render: (_, u) => (
        <Flex wrap="wrap">
          <Button type="link" size="small" onClick={() => setEditing({ open: true, existing: u })}>
            {t('edit')}
          </Button>
          <Button type="link" size="small" onClick={() => setResetting(u)}>
            {t('resetPassword')}
          </Button>
          <Popconfirm
            title={t('unlockConfirm', { name: u.displayName })}
            description={t('unlockHint')}
            okText={t('unlock')}
            cancelText={common('cancel')}
            onConfirm={() => doUnlock(u)}
          >
            <Button type="link" size="small">
              {t('unlock')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('title')}
        hint={t('hint')}
        actions={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ open: true, existing: null })}>
            {t('newUser')}
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
              placeholder={t('search')}
              aria-label={t('searchLabel')}
              value={filter.search}
              onChange={(e) => setFilter({ ...filter, search: e.target.value })}
              style={{ width: narrow ? '100%' : 240 }}
            />
            <Select<Role>
              allowClear
              placeholder={t('allRoles')}
              aria-label={t('roleFilter')}
              value={filter.role ?? undefined}
              onChange={(role) => setFilter({ ...filter, role: role ?? null })}
              options={allRoles.map((r) => ({ value: r, label: roleLabel(r) }))}
              style={{ width: narrow ? '100%' : 170 }}
            />
            <Segmented<UserListFilter['status']>
              value={filter.status}
              onChange={(status) => setFilter({ ...filter, status })}
              options={[
                { value: 'ALL', label: t('statusAll', { count: users.length }) },
                { value: 'ENABLED', label: t('statusEnabled', { count: enabledCount }) },
                { value: 'DISABLED', label: t('statusDisabled', { count: users.length - enabledCount }) },
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
            locale={{ emptyText: users.length === 0 ? t('noUsers') : t('noMatch') }}
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
