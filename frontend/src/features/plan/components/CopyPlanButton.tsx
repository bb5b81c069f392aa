import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../../gql';
import { useShowError } from '../../../lib/useShowError';
import { usePlanT } from '../messages';

const copyPlanMutation = graphql(`
  mutation CopyPlan($input: CopyPlanInput!) {
    copyPlan(input: $input) {
      id
      name
      year
    }
  }
`);

interface Values {
  year: number;
  name?: string;
}

/**
 * 复制为新年度方案 (issue 13 §4): the plan's structure carried into another
 * year as a new plan in 筹备; the old year keeps its scores and results.
 */
export function CopyPlanButton({ plan }: { plan: { id: string; name: string; year: number } }) {
  const t = usePlanT();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const [state, copy] = useMutation(copyPlanMutation);
  const showError = useShowError();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const year = Form.useWatch('year', form);
  const suggested = plan.name.includes(String(plan.year)) && year ? plan.name.replaceAll(String(plan.year), String(year)) : t('copySuggested', { name: plan.name, year: year ?? '' });

  const submit = async (v: Values) => {
    const r = await copy({ input: { planId: plan.id, year: v.year, name: v.name?.trim() || undefined } }, { additionalTypenames: ['Plan'] });
    if (r.error) {
      showError(r.error, { form });
      return;
    }
    const created = r.data?.copyPlan;
    setOpen(false);
    void message.success(t('copied', { year: created?.year, name: created?.name }));
    if (created) navigate(`/plans/${created.id}`);
  };

  return (
    <>
      <Button
        icon={<CopyOutlined />}
        onClick={() => {
          form.setFieldsValue({ year: plan.year + 1, name: undefined });
          setOpen(true);
        }}
      >
        {t('copyButton')}
      </Button>
      <Modal
        title={t('copyButton')}
        open={open}
        okText={t('copyOk')}
        cancelText={t('cancel')}
        confirmLoading={state.fetching}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('copyFrom', { name: plan.name })}
          description={t('copyInfo')}
        />
        <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
          <Form.Item
            name="year"
            label={t('copyYear')}
            rules={[
              { required: true, message: t('yearMissing') },
              { type: 'number', min: 2000, max: 2100, message: t('yearRange') },
            ]}
            extra={t('onePlanPerYear')}
          >
            <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} suffix={t('yearSuffix')} />
          </Form.Item>
          <Form.Item name="name" label={t('copyName')} rules={[{ max: 200, message: t('planNameMax') }]} extra={t('useSuggested')}>
            <Input placeholder={suggested} allowClear />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
