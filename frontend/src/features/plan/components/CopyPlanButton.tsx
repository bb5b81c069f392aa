import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../../gql';
import { useShowError } from '../../../lib/useShowError';

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
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const [state, copy] = useMutation(copyPlanMutation);
  const showError = useShowError();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const year = Form.useWatch('year', form);
  const suggested = plan.name.includes(String(plan.year)) && year ? plan.name.replaceAll(String(plan.year), String(year)) : `${plan.name}(${year ?? ''}年度)`;

  const submit = async (v: Values) => {
    const r = await copy({ input: { planId: plan.id, year: v.year, name: v.name?.trim() || undefined } }, { additionalTypenames: ['Plan'] });
    if (r.error) {
      showError(r.error, { form });
      return;
    }
    const created = r.data?.copyPlan;
    setOpen(false);
    void message.success(`已复制为${created?.year}年度方案“${created?.name}”,可以开始编辑`);
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
        复制为新年度方案
      </Button>
      <Modal
        title="复制为新年度方案"
        open={open}
        okText="确认复制"
        cancelText="取消"
        confirmLoading={state.fetching}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`以“${plan.name}”为底稿新建一个年度方案`}
          description="复制方面、指标、任务及其分值和完成时限、牵头单位、考评对象和任务分配、权重与疑点阈值;不复制评分、进展报送、民调数据和考评结果。原方案保持不变,新方案的两个周期处于筹备阶段,可继续编辑。"
        />
        <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
          <Form.Item
            name="year"
            label="新方案年度"
            rules={[
              { required: true, message: '请填写年度' },
              { type: 'number', min: 2000, max: 2100, message: '年度须在2000至2100之间' },
            ]}
            extra="每个年度只能有一个考评方案"
          >
            <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} suffix="年" />
          </Form.Item>
          <Form.Item name="name" label="新方案名称" rules={[{ max: 200, message: '方案名称最多200个字' }]} extra="留空则使用建议名称">
            <Input placeholder={suggested} allowClear />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
