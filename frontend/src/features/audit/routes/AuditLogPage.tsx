import { DownOutlined, DownloadOutlined, ReloadOutlined, SafetyCertificateOutlined, UpOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Grid, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { formatClock, formatDate, formatTimeSeconds } from '../../../lib/datetime';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { QueryError } from '../../../components/QueryState';
import { AuditFilters } from '../components/AuditFilters';
import { AuditRecordDetail, type AuditRow } from '../components/AuditRecordDetail';
import { auditLogQuery, auditUnitsQuery } from '../documents';
import { downloadFile } from '../../../lib/download';
import { activeFilterCount, exportHref, pageSizes, stateFromSearch, stateToSearch, toGraphQLFilter, type AuditFilterValues, type AuditPageState } from '../filter';
import { auditRoleLabel, objectTypeLabel, operationLabel, outcomeOf } from '../labels';
import { useAuditT } from '../messages';

/** `/audit` (审计员): the append-only audit log, filtered, paged, expandable, exportable. */
export function AuditLogPage() {
  const { message } = App.useApp();
  const t = useAuditT();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const state = useMemo(() => stateFromSearch(new URLSearchParams(search)), [search]);
  const { filter, page, pageSize } = state;
  const variables = useMemo(() => ({ filter: toGraphQLFilter(filter), offset: (page - 1) * pageSize, limit: pageSize }), [filter, page, pageSize]);
  const [{ data, fetching, error }, reexecute] = useQuery({ query: auditLogQuery, variables });
  const [{ data: unitData }] = useQuery({ query: auditUnitsQuery });
  const [exporting, setExporting] = useState(false);
  // On a phone the filters fold away so the records come first.
  const narrowScreen = !(Grid.useBreakpoint().md ?? true);
  const [filtersOpen, setFiltersOpen] = useState<boolean | null>(null);
  const showFilters = filtersOpen ?? !narrowScreen;
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  const go = (next: Partial<AuditPageState>) => setParams(stateToSearch({ ...state, ...next }));
  const apply = (f: AuditFilterValues) => go({ filter: f, page: 1 });
  const narrow = (part: Partial<AuditFilterValues>) => apply({ ...filter, ...part });

  const exportExcel = async () => {
    setExporting(true);
    try {
      const name = await downloadFile(exportHref(filter), '审计日志.xlsx');
      void message.success(t('exported', { name }));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : t('exportFailed'), 5);
    } finally {
      setExporting(false);
    }
  };

  const records = data?.auditLog.records ?? [];
  const total = data?.auditLog.total ?? 0;
  const filters = activeFilterCount(filter);

  const columns: TableColumnsType<AuditRow> = [
    {
      title: t('time'),
      dataIndex: 'at',
      render: (at: string) =>
        narrowScreen ? (
          <span style={{ whiteSpace: 'nowrap' }}>
            {formatDate(at)}
            <br />
            {formatClock(at)}
          </span>
        ) : (
          <span style={{ whiteSpace: 'nowrap' }}>{formatTimeSeconds(at)}</span>
        ),
    },
    {
      title: t('user'),
      dataIndex: 'username',
      render: (name: string) =>
        name ? (
          <Tooltip title={t('onlyThisUser')}>
            <Typography.Link onClick={() => narrow({ username: name })} style={{ whiteSpace: 'nowrap' }}>
              {name}
            </Typography.Link>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('roles'),
      dataIndex: 'roles',
      responsive: ['xl'],
      render: (roles: string[]) => <span style={{ whiteSpace: 'nowrap' }}>{roles.map(auditRoleLabel).join('、') || '—'}</span>,
    },
    {
      title: t('unit'),
      dataIndex: 'unitName',
      responsive: ['lg'],
      render: (n: string | null) => (
        <span style={{ whiteSpace: 'nowrap' }} data-i18n="data">
          {n ?? '—'}
        </span>
      ),
    },
    { title: t('clientAddr'), dataIndex: 'clientAddr', responsive: ['xl'] },
    {
      title: t('operation'),
      dataIndex: 'operation',
      render: (op: string) => (
        <Tooltip title={op}>
          <span style={{ whiteSpace: 'nowrap' }} data-operation={op}>
            {operationLabel(op)}
          </span>
        </Tooltip>
      ),
    },
    {
      title: t('outcome'),
      dataIndex: 'outcome',
      render: (o: string) => {
        const m = outcomeOf(o);
        return (
          <Tooltip title={m.hint}>
            <Tag color={m.color} style={{ marginInlineEnd: 0 }} data-outcome={o}>
              {m.label}
            </Tag>
          </Tooltip>
        );
      },
    },
    {
      title: t('object'),
      key: 'object',
      responsive: ['md'],
      render: (_, r) =>
        r.objectType ? (
          <Tooltip title={t('onlyThisObject')}>
            <Typography.Link onClick={() => narrow({ objectType: r.objectType ?? '', objectId: r.objectId ?? '' })} style={{ whiteSpace: 'nowrap' }}>
              {objectTypeLabel(r.objectType)} {r.objectId}
            </Typography.Link>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('requestId'),
      dataIndex: 'requestId',
      responsive: ['xxl'],
      render: (id: string) => <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>{id}</Typography.Text>,
    },
  ];

  return (
    <>
      <PageTitle
        title={t('title')}
        hint={t('hint')}
        actions={
          <>
            <Button icon={<ReloadOutlined />} onClick={reload} loading={fetching && !!data}>
              {t('refresh')}
            </Button>
            <Button type="primary" icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportExcel()}>
              {t('exportXlsx')}
            </Button>
          </>
        }
      />
      <Alert
        type="info"
        showIcon
        icon={<SafetyCertificateOutlined />}
        title={
          <>
            <Typography.Text strong>{t('appendOnly')}</Typography.Text>
            {t('chain')}{' '}
            <Typography.Text code>kaoping audit verify</Typography.Text> {t('chainEnd')}
          </>
        }
        style={{ marginBottom: 16 }}
      />
      <Card
        size="small"
        title={filters > 0 ? t('filtersSet', { count: filters }) : t('filters')}
        extra={
          <Button type="link" size="small" onClick={() => setFiltersOpen(!showFilters)} icon={showFilters ? <UpOutlined /> : <DownOutlined />} iconPlacement="end">
            {showFilters ? t('collapse') : t('expand')}
          </Button>
        }
        style={{ marginBottom: 16 }}
        styles={{ body: showFilters ? undefined : { display: 'none' } }}
      >
        <AuditFilters value={filter} units={unitData?.auditLogUnits ?? []} onApply={apply} />
      </Card>
      {error && !data ? (
        <QueryError error={error} onRetry={reload} />
      ) : (
        <Card size="small">
          <Table<AuditRow>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={records}
            loading={fetching}
            scroll={{ x: 'max-content' }}
            // fixed: the expanded detail then gets the table's visible width
            // instead of stretching the scrolling table to fit its content.
            expandable={{ expandedRowRender: (r) => <AuditRecordDetail record={r} />, columnWidth: 40, fixed: 'left' }}
            pagination={{
              current: page,
              pageSize,
              total,
              showSizeChanger: true,
              pageSizeOptions: pageSizes.map(String),
              showTotal: (n) => t('total', { count: n }),
              onChange: (p, size) => go({ page: size !== pageSize ? 1 : p, pageSize: size }),
            }}
            locale={{ emptyText: filters > 0 ? t('noMatch') : t('noRecords') }}
          />
        </Card>
      )}
    </>
  );
}
