import { Alert, Card, Col, Row, Statistic, Typography } from 'antd';
import { compareDecimals, formatDecimal } from '../../../lib/decimal';
import { enumLabel } from '../../../lib/enumLabels';
import { usePlanT } from '../messages';
import type { PlanData } from '../types';
import { weightFields } from '../weights';

/** The plan at a glance: total points against 100 and the method weights. */
export function PlanSummary({ plan }: { plan: PlanData }) {
  const t = usePlanT();
  const total = formatDecimal(plan.totalPoints);
  const complete = compareDecimals(plan.totalPoints, 100) === 0;
  const tasks = plan.dimensions.flatMap((d) => d.indicators.flatMap((i) => i.tasks)).length;
  const indicators = plan.dimensions.flatMap((d) => d.indicators).length;
  return (
    <Card size="small" style={{ marginBottom: 16 }} styles={{ body: { padding: '16px 20px' } }}>
      <Row gutter={[24, 16]}>
        <Col xs={12} sm={8} lg={4}>
          <Statistic
            title={t('totalPoints')}
            value={total}
            suffix={t('pointsSuffix')}
            styles={complete ? undefined : { content: { color: '#d46b08' } }}
          />
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <Statistic title={t('counts')} value={`${plan.dimensions.length} / ${indicators} / ${tasks}`} />
        </Col>
        {weightFields.map((f) => (
          <Col xs={12} sm={8} lg={4} key={f.key}>
            <Statistic title={t('weightOf', { method: f.label })} value={formatDecimal(plan.weights[f.key])} suffix="%" />
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
        {t('formula', {
          daily: enumLabel('ScoringMethod', 'DAILY_MONITORING'),
          dailyWeight: formatDecimal(plan.weights.dailyMonitoring),
          field: enumLabel('ScoringMethod', 'FIELD_VISITS'),
          fieldWeight: formatDecimal(plan.weights.fieldVisits),
          opinion: enumLabel('ScoringMethod', 'PUBLIC_OPINION'),
          opinionWeight: formatDecimal(plan.weights.publicOpinion),
          third: enumLabel('ScoringMethod', 'THIRD_PARTY'),
          thirdWeight: formatDecimal(plan.weights.thirdParty),
          rule: enumLabel('MissingComponentRule', plan.missingComponentRule),
        })}
      </Typography.Paragraph>
      {!complete && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={t('incomplete', { total })}
        />
      )}
    </Card>
  );
}
