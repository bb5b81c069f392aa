import { Alert, App, Col, Form, Input, InputNumber, Modal, Radio, Row, Typography } from 'antd';
import { useMutation } from 'urql';
import { graphql } from '../../../gql';
import type { MissingComponentRule } from '../../../gql/graphql';
import { enumLabelMap, enumValues } from '../../../lib/enumLabels';
import { useCommonT } from '../../../lib/messages';
import { useShowError } from '../../../lib/useShowError';
import { usePlanT } from '../messages';
import type { PlanData } from '../types';
import { weightFields, weightsProblem, weightsSum, type WeightsLike } from '../weights';

const updatePlanMutation = graphql(`
  mutation UpdatePlan($input: UpdatePlanInput!) {
    updatePlan(input: $input) {
      id
      name
      year
      version
      missingComponentRule
      weights {
        dailyMonitoring
        fieldVisits
        publicOpinion
        thirdParty
      }
    }
  }
`);

interface Values {
  name: string;
  year: number;
  weights: { dailyMonitoring: string; fieldVisits: string; publicOpinion: string; thirdParty: string };
  missingComponentRule: MissingComponentRule;
}

export const missingRuleLabels = enumLabelMap('MissingComponentRule');

/** Plan settings: name, year, the four method weights (sum 100) and the missing-component rule. */
export function PlanSettingsModal({ plan, open, onClose, onConflict }: { plan: PlanData; open: boolean; onClose: () => void; onConflict: () => void }) {
  const t = usePlanT();
  const common = useCommonT();
  const [form] = Form.useForm<Values>();
  const showError = useShowError();
  const { message } = App.useApp();
  const [state, updatePlan] = useMutation(updatePlanMutation);
  const weights = Form.useWatch('weights', form) as WeightsLike | undefined;

  const problem = weights ? weightsProblem(weights) : null;

  const submit = async (v: Values) => {
    const p = weightsProblem(v.weights);
    if (p) {
      form.setFields(weightFields.map((f) => ({ name: ['weights', f.key], errors: [' '] })));
      void message.error(p);
      return;
    }
    const result = await updatePlan({
      input: {
        id: plan.id,
        version: plan.version,
        name: v.name.trim(),
        year: v.year,
        weights: {
          dailyMonitoring: String(v.weights.dailyMonitoring),
          fieldVisits: String(v.weights.fieldVisits),
          publicOpinion: String(v.weights.publicOpinion),
          thirdParty: String(v.weights.thirdParty),
        },
        missingComponentRule: v.missingComponentRule,
      },
    });
    if (result.error) {
      const d = showError(result.error, { form, onConflict });
      if (d.code === 'CONFLICT') onClose();
      return;
    }
    void message.success(t('settingsSaved'));
    onClose();
  };

  return (
    <Modal
      open={open}
      width={640}
      title={t('settings')}
      okText={common('save')}
      cancelText={common('cancel')}
      confirmLoading={state.fetching}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        initialValues={{
          name: plan.name,
          year: plan.year,
          weights: { ...plan.weights },
          missingComponentRule: plan.missingComponentRule,
        }}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => {
          // Clear the "sum" marks as soon as a weight changes.
          if (changed.weights) form.setFields(weightFields.map((f) => ({ name: ['weights', f.key], errors: [] })));
        }}
        requiredMark="optional"
        style={{ marginTop: 16 }}
      >
        <Row gutter={16}>
          <Col xs={24} sm={16}>
            <Form.Item name="name" label={t('planName')} rules={[{ required: true, whitespace: true, message: t('planNameMissing') }, { max: 200, message: t('tooLong200') }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="year" label={t('year')} rules={[{ required: true, message: t('yearMissing') }]}>
              <InputNumber min={2000} max={2100} precision={0} suffix={t('yearSuffix') || undefined} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('weightsTitle')}
        </Typography.Title>
        <Row gutter={16}>
          {weightFields.map((f) => (
            <Col xs={12} sm={6} key={f.key}>
              <Form.Item name={['weights', f.key]} label={f.label} rules={[{ required: true, message: t('required') }]}>
                <InputNumber<string> stringMode min="0" max="100" suffix="%" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        {problem ? (
          <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />
        ) : (
          <Alert type="success" showIcon title={t('weightsTotal', { sum: weights ? weightsSum(weights) : '100' })} style={{ marginBottom: 16 }} />
        )}
        <Form.Item name="missingComponentRule" label={t('missingRule')} rules={[{ required: true }]}>
          <Radio.Group
            options={enumValues('MissingComponentRule').map((k) => ({ value: k, label: missingRuleLabels[k] }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
