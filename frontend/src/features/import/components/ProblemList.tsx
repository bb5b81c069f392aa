import { CheckCircleOutlined } from '@ant-design/icons';
import { Flex, Table, Tag, Typography } from 'antd';
import type { PreviewPlanImportMutation } from '../../../gql/graphql';
import { useImportT } from '../messages';
import { lineLabel, severityTag } from '../problems';

type Problem = PreviewPlanImportMutation['previewPlanImport']['problems'][number];

/** What the importer found wrong, in document order (errors first on a line). */
export function ProblemList({ problems }: { problems: Problem[] }) {
  const t = useImportT();
  if (problems.length === 0) {
    return (
      <Flex gap={8} align="center" style={{ padding: '8px 0' }}>
        <CheckCircleOutlined style={{ color: '#389e0d' }} />
        <Typography.Text>{t('noProblems')}</Typography.Text>
      </Flex>
    );
  }
  const sorted = problems
    .map((p, i) => ({ ...p, key: i }))
    .sort((a, b) => a.line - b.line || (a.severity === 'ERROR' ? -1 : b.severity === 'ERROR' ? 1 : 0));
  return (
    <Table
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={sorted}
      columns={[
        {
          title: t('severity'),
          dataIndex: 'severity',
          width: 68,
          render: (s: string) => {
            const tag = severityTag(s);
            return (
              <Tag color={tag.color} style={{ marginInlineEnd: 0 }}>
                {tag.label}
              </Tag>
            );
          },
        },
        { title: t('place'), dataIndex: 'line', width: 84, render: (line: number) => <Typography.Text type="secondary">{lineLabel(line)}</Typography.Text> },
        { title: t('message'), dataIndex: 'message', render: (m: string) => <span data-i18n="data">{m}</span> },
      ]}
    />
  );
}
