import { Table } from 'antd';
import { useComponentsT } from './messages';

export interface SheetRowErrorData {
  row: number;
  column: string;
  message: string;
}

/** Problems of an uploaded sheet: 行号, 列, 原因 — as Excel shows them. */
export function SheetErrorsTable({ errors }: { errors: readonly SheetRowErrorData[] }) {
  const t = useComponentsT();
  return (
    <Table<SheetRowErrorData & { key: number }>
      size="small"
      rowKey="key"
      pagination={errors.length > 10 ? { pageSize: 10, size: 'small' } : false}
      dataSource={errors.map((e, i) => ({ ...e, key: i }))}
      columns={[
        { title: t('sheetRow'), dataIndex: 'row', width: 72, align: 'right', render: (r: number) => (r > 0 ? r : '—') },
        { title: t('sheetColumn'), dataIndex: 'column', width: 110 },
        { title: t('sheetReason'), dataIndex: 'message' },
      ]}
      data-testid="sheet-errors"
    />
  );
}
