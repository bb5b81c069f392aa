import { Alert, Card, Col, Row, Statistic, Typography } from 'antd';
import { compareDecimals, formatDecimal } from '../../../lib/decimal';
import type { PlanData } from '../types';
import { weightFields } from '../weights';
import { missingRuleLabels } from './PlanSettingsModal';

/** The plan at a glance: total points against 100 and the method weights. */
export function PlanSummary({ plan }: { plan: PlanData }) {
  const total = formatDecimal(plan.totalPoints);
  const complete = compareDecimals(plan.totalPoints, 100) === 0;
  const tasks = plan.dimensions.flatMap((d) => d.indicators.flatMap((i) => i.tasks)).length;
  const indicators = plan.dimensions.flatMap((d) => d.indicators).length;
  return (
    <Card size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: '16px 20px' } }}>
      <Row gutter={[24, 16]}>
        <Col xs={12} sm={8} lg={4}>
          <Statistic
            title="总分(满分 100)"
            value={total}
            suffix="分"
            styles={complete ? undefined : { content: { color: '#d46b08' } }}
          />
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <Statistic title="方面 / 指标 / 任务" value={`${plan.dimensions.length} / ${indicators} / ${tasks}`} />
        </Col>
        {weightFields.map((f) => (
          <Col xs={12} sm={8} lg={4} key={f.key}>
            <Statistic title={`${f.label}权重`} value={formatDecimal(plan.weights[f.key])} suffix="%" />
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
        半年考评分值 = 日常监测 × {formatDecimal(plan.weights.dailyMonitoring)}% + 实地调研 × {formatDecimal(plan.weights.fieldVisits)}% + 民意调查 ×{' '}
        {formatDecimal(plan.weights.publicOpinion)}% + 第三方评估 × {formatDecimal(plan.weights.thirdParty)}%;缺少数据时:
        {missingRuleLabels[plan.missingComponentRule]}。年度考评分值 = (上半年 + 下半年)÷ 2。
      </Typography.Paragraph>
      {!complete && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={`各方面分值合计 ${total} 分,完整的方案应为 100 分。请补充或调整方面的分值。`}
        />
      )}
    </Card>
  );
}
