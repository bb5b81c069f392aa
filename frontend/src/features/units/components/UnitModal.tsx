import { App, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useMutation } from 'urql';
import { graphql } from '../../../gql';
import type { UnitKind, UnitsPageQuery } from '../../../gql/graphql';
import { unitKindLabels, unitKinds } from '../../../lib/labels';
import { useShowError } from '../../../lib/useShowError';

const createUnitMutation = graphql(`
  mutation CreateUnit($input: CreateUnitInput!) {
    createUnit(input: $input) {
      id
      name
      kind
      aliases
      sortKey
      version
    }
  }
`);

const updateUnitMutation = graphql(`
  mutation UpdateUnit($input: UpdateUnitInput!) {
    updateUnit(input: $input) {
      id
      name
      kind
      aliases
      sortKey
      version
    }
  }
`);

export type UnitData = UnitsPageQuery['units'][number];

interface Values {
  name: string;
  kind: UnitKind;
  aliases: string[];
  sortKey: number;
}

/** Create a unit, or edit one (`existing`). */
export function UnitModal({
  open,
  existing,
  nextSortKey,
  onClose,
  onConflict,
}: {
  open: boolean;
  existing: UnitData | null;
  nextSortKey: number;
  onClose: () => void;
  onConflict: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useShowError();
  const [createState, createUnit] = useMutation(createUnitMutation);
  const [updateState, updateUnit] = useMutation(updateUnitMutation);

  const submit = async (v: Values) => {
    const aliases = [...new Set((v.aliases ?? []).map((a) => a.trim()).filter((a) => a !== ''))];
    const common = { name: v.name.trim(), kind: v.kind, aliases, sortKey: v.sortKey };
    const result = existing
      ? await updateUnit({ input: { id: existing.id, version: existing.version, ...common } })
      : await createUnit({ input: common }, { additionalTypenames: ['Unit'] });
    if (result.error) {
      const d = showError(result.error, { form, onConflict });
      if (d.code === 'CONFLICT' || d.code === 'NOT_FOUND') onClose();
      return;
    }
    void message.success(existing ? `已保存“${common.name}”` : `已新增“${common.name}”`);
    onClose();
  };

  return (
    <Modal
      open={open}
      title={existing ? `编辑单位:${existing.name}` : '新增单位'}
      okText="保存"
      cancelText="取消"
      confirmLoading={createState.fetching || updateState.fetching}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        onFinish={submit}
        initialValues={existing ? { name: existing.name, kind: existing.kind, aliases: existing.aliases, sortKey: existing.sortKey } : { kind: 'DEPARTMENT', aliases: [], sortKey: nextSortKey }}
        style={{ marginTop: 16 }}
      >
        <Form.Item name="name" label="单位名称" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }, { max: 100, message: '不超过 100 字' }]}>
          <Input placeholder="如:市审批服务局" />
        </Form.Item>
        <Form.Item name="kind" label="单位类型" rules={[{ required: true, message: '请选择单位类型' }]}>
          <Radio.Group optionType="button" options={unitKinds.map((k) => ({ value: k, label: unitKindLabels[k] }))} />
        </Form.Item>
        <Form.Item
          name="aliases"
          label="别名"
          extra="导入考评办法时,这些写法也会识别为本单位。输入后按回车添加。"
          rules={[{ type: 'array', max: 20, message: '最多 20 个别名' }]}
        >
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', ',', '、']} placeholder="如:审批服务局" />
        </Form.Item>
        <Form.Item name="sortKey" label="排序号" extra="按政府文件中单位的排列顺序,数字小的在前。" rules={[{ required: true, message: '请填写排序号' }]}>
          <InputNumber min={0} max={1000000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
