import { Flex, Tag, Tree, Typography, type TreeDataNode } from 'antd';
import { useMemo } from 'react';
import { DeadlineView } from '../../../components/DeadlineView';
import { PointsText } from '../../../components/PointsText';
import { formatDecimal } from '../../../lib/decimal';
import { dimensionNumberLabel, indicatorNumberLabel } from '../../../lib/labels';
import type { PreviewPlanImportMutation } from '../../../gql/graphql';
import { useImportT } from '../messages';

type Preview = PreviewPlanImportMutation['previewPlanImport'];

function points(p: string | null | undefined, t: ReturnType<typeof useImportT>): string {
  return p ? t('points', { points: formatDecimal(p) }) : '';
}

/** The parsed document as a tree: dimensions → indicators → tasks, each with its line. */
export function PreviewTree({ preview }: { preview: Preview }) {
  const tr = useImportT();
  const treeData = useMemo<TreeDataNode[]>(
    () =>
      preview.dimensions.map((d) => ({
        key: `d${d.line}-${d.number}`,
        title: (
          <Typography.Text strong>
            <span data-i18n="data">
              {dimensionNumberLabel(d.number)}
              {d.name}
            </span>
            {points(d.points, tr)}
          </Typography.Text>
        ),
        children: d.indicators.map((i) => ({
          key: `i${i.line}-${i.number}`,
          title: (
            <Typography.Text>
              <span data-i18n="data">
                {indicatorNumberLabel(i.number)}
                {i.name}
              </span>
              {points(i.points, tr)}
            </Typography.Text>
          ),
          children: i.tasks.map((t) => ({
            key: `t${t.line}-${t.number}`,
            isLeaf: true,
            title: (
              <div style={{ padding: '4px 0' }}>
                <Typography.Paragraph ellipsis={{ rows: 2, expandable: 'collapsible', symbol: (open) => (open ? tr('collapse') : tr('expand')) }} style={{ margin: 0 }}>
                  <Typography.Text strong>{t.number}.</Typography.Text> <span data-i18n="data">{t.text}</span>
                </Typography.Paragraph>
                <Flex gap={8} wrap="wrap" align="center" style={{ marginTop: 4 }}>
                  <PointsText points={t.points} effectivePoints={null} />
                  <DeadlineView deadline={t.deadline} compact />
                  {t.leadUnits.map((u) => (
                    <Tag key={u.written} color={u.known ? 'blue' : 'orange'} title={u.written !== u.name ? tr('written', { text: u.written }) : undefined} style={{ marginInlineEnd: 0 }}>
                      <span data-i18n="data">{u.name}</span>
                      {!u.known && tr('newUnit')}
                    </Tag>
                  ))}
                  <Typography.Text type="secondary">{tr('line', { line: t.line })}</Typography.Text>
                </Flex>
              </div>
            ),
          })),
        })),
      })),
    [preview, tr],
  );
  const expanded = useMemo(() => treeData.flatMap((d) => [d.key, ...(d.children ?? []).map((i) => i.key)]), [treeData]);
  if (treeData.length === 0) return <Typography.Text type="secondary">{tr('nothingParsed')}</Typography.Text>;
  return <Tree treeData={treeData} defaultExpandedKeys={expanded} selectable={false} blockNode showLine />;
}
