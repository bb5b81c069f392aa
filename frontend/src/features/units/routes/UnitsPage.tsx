import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Popconfirm, Segmented, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { QueryError } from '../../../components/QueryState';
import { graphql } from '../../../gql';
import type { UnitKind } from '../../../gql/graphql';
import { unitKindColors, unitKindLabels, unitKinds } from '../../../lib/labels';
import { useSession } from '../../../lib/session';
import { useShowError } from '../../../lib/useShowError';
import { UnitModal, type UnitData } from '../components/UnitModal';
import { unitsPageQuery } from '../documents';
import { useUnitsT } from '../messages';

const deleteUnitMutation = graphql(`
  mutation DeleteUnit($id: ID!, $version: Int!) {
    deleteUnit(id: $id, version: $version)
  }
`);

const unitsContext = { additionalTypenames: ['Unit'] };

/** `/units`: the unit catalogue in official order, with create, edit and delete. */
export function UnitsPage() {
  const { message } = App.useApp();
  const t = useUnitsT();
  const showError = useShowError();
  const editable = useSession().can('ADMIN');
  const [{ data, fetching, error }, reexecute] = useQuery({ query: unitsPageQuery, context: useMemo(() => unitsContext, []) });
  const [, deleteUnit] = useMutation(deleteUnitMutation);
  const [kind, setKind] = useState<UnitKind | 'ALL'>('ALL');
  const [search, setSearch] = useState('');
  const [modal, setModal] = useState<{ open: boolean; existing: UnitData | null }>({ open: false, existing: null });
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  const units = useMemo(() => data?.units ?? [], [data]);
  const shown = useMemo(() => {
    const q = search.trim();
    return units.filter((u) => (kind === 'ALL' || u.kind === kind) && (q === '' || u.name.includes(q) || u.aliases.some((a) => a.includes(q))));
  }, [units, kind, search]);
  const nextSortKey = units.reduce((m, u) => Math.max(m, u.sortKey), 0) + 10;

  const remove = async (u: UnitData) => {
    const result = await deleteUnit({ id: u.id, version: u.version }, { additionalTypenames: ['Unit'] });
    if (result.error) showError(result.error, { onConflict: reload });
    else void message.success(t('deleted', { name: u.name }));
  };

  const columns: TableColumnsType<UnitData> = [
    { title: t('sortKey'), dataIndex: 'sortKey', width: 90, responsive: ['sm'], sorter: (a, b) => a.sortKey - b.sortKey, defaultSortOrder: 'ascend' },
    {
      title: t('name'),
      dataIndex: 'name',
      render: (name: string) => (
        <Typography.Text strong data-i18n="data">
          {name}
        </Typography.Text>
      ),
    },
    {
      title: t('type'),
      dataIndex: 'kind',
      width: 96,
      render: (k: UnitKind) => <Tag color={unitKindColors[k]}>{unitKindLabels[k]}</Tag>,
    },
    {
      title: t('aliases'),
      dataIndex: 'aliases',
      responsive: ['md'],
      render: (aliases: string[]) =>
        aliases.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Flex gap={4} wrap="wrap">
            {aliases.map((a) => (
              <Tag key={a} style={{ marginInlineEnd: 0 }} data-i18n="data">
                {a}
              </Tag>
            ))}
          </Flex>
        ),
    },
  ];
  if (editable)
    columns.push({
      title: t('actions'),
      key: 'actions',
      width: 120,
      render: (_, u) => (
        <Flex>
          <Button type="link" size="small" onClick={() => setModal({ open: true, existing: u })}>
            {t('edit')}
          </Button>
          <Popconfirm
            title={t('deleteTitle', { name: u.name })}
            description={t('deleteHint')}
            okText={t('delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('cancel')}
            onConfirm={() => remove(u)}
          >
            <Button type="link" size="small" danger>
              {t('delete')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    });

  return (
    <>
      <PageTitle
        title={t('title')}
        hint={t('hint') + (editable ? '' : t('adminOnly'))}
        actions={
          editable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ open: true, existing: null })}>
              {t('addTitle')}
            </Button>
          )
        }
      />
      {error && !data ? (
        <QueryError error={error} onRetry={reload} />
      ) : (
        <Card size="small">
          <Flex gap={12} wrap="wrap" justify="space-between" style={{ marginBottom: 12 }}>
            <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
            <Segmented<UnitKind | 'ALL'>
              value={kind}
              onChange={setKind}
              options={[
                { value: 'ALL', label: t('all', { count: units.length }) },
                ...unitKinds.map((k) => ({ value: k, label: `${unitKindLabels[k]}(${units.filter((u) => u.kind === k).length})` })),
              ]}
            />
            </div>
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('search')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              style={{ width: 240 }}
            />
          </Flex>
          <Table<UnitData>
            rowKey="id"
            columns={columns}
            dataSource={shown}
            loading={fetching && !data}
            pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            size="middle"
            locale={{ emptyText: units.length === 0 ? t('empty') : t('noMatch') }}
          />
        </Card>
      )}
      <UnitModal
        // A fresh form for every opening: the form instance would otherwise
        // keep the previous unit's values when switching to 新增单位.
        key={`${modal.existing?.id ?? 'new'}-${modal.open}`}
        open={modal.open}
        existing={modal.existing}
        nextSortKey={nextSortKey}
        onClose={() => setModal({ open: false, existing: null })}
        onConflict={reload}
      />
    </>
  );
}
