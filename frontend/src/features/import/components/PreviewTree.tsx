import { Flex, Tag, Tree, Typography, type TreeDataNode } from 'antd';
import { useMemo } from 'react';
import { DeadlineView } from '../../../components/DeadlineView';
import { PointsText } from '../../../components/PointsText';
import { formatDecimal } from '../../../lib/decimal';
import { dimensionNumberLabel, indicatorNumberLabel } from '../../../lib/labels';
import type { PreviewPlanImportMutation } from '../../../gql/graphql';

type Preview = PreviewPlanImportMutation['previewPlanImport'];

function points(p: string | null | undefined): string {
  return p ? `(${formatDecimal(p)}分)` : '';
}

/** The parsed document as a tree: dimensions → indicators → tasks, each with its line. */
export function PreviewTree({ preview }: { preview: Preview }) {
  const treeData = useMemo<TreeDataNode[]>(
    () =>
      preview.dimensions.map((d) => ({
        key: `d${d.line}-${d.number}`,
        title: (
          <Typography.Text strong>
            {dimensionNumberLabel(d.number)}
            {d.name}
            {points(d.points)}
          </Typography.Text>
        ),
        children: d.indicators.map((i) => ({
          key: `i${i.line}-${i.number}`,
          title: (
            <Typography.Text>
              {indicatorNumberLabel(i.number)}
              {i.name}
              {points(i.points)}
            </Typography.Text>
          ),
          children: i.tasks.map((t) => ({
            key: `t${t.line}-${t.number}`,
            isLeaf: true,
            title: (
              <div style={{ padding: '4px 0' }}>
                <Typography.Paragraph ellipsis={{ rows: 2, expandable: 'collapsible', symbol: (open) => (open ? '收起' : '展开') }} style={{ margin: 0 }}>
                  <Typography.Text strong>{t.number}.</Typography.Text> {t.text}
                </Typography.Paragraph>
                <Flex gap={8} wrap="wrap" align="center" style={{ marginTop: 4 }}>
                  <PointsText points={t.points} effectivePoints={null} />
                  <DeadlineView deadline={t.deadline} compact />
                  {t.leadUnits.map((u) => (
                    <Tag key={u.written} color={u.known ? 'blue' : 'orange'} title={u.written !== u.name ? `原文:${u.written}` : undefined} style={{ marginInlineEnd: 0 }}>
                      {u.name}
                      {!u.known && '(新)'}
                    </Tag>
                  ))}
                  <Typography.Text type="secondary">第 {t.line} 行</Typography.Text>
                </Flex>
              </div>
            ),
          })),
        })),
      })),
    [preview],
  );
  const expanded = useMemo(() => treeData.flatMap((d) => [d.key, ...(d.children ?? []).map((i) => i.key)]), [treeData]);
  if (treeData.length === 0) return <Typography.Text type="secondary">没有解析出任何方面、指标或任务。</Typography.Text>;
  return <Tree treeData={treeData} defaultExpandedKeys={expanded} selectable={false} blockNode showLine />;
}
