import { App, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useMutation } from 'urql';
import { graphql } from '../../../gql';
import type { UnitKind, UnitsPageQuery } from '../../../gql/graphql';
import { unitKindLabels, unitKinds } from '../../../lib/labels';
import { useShowError } from '../../../lib/useShowError';
import { useUnitsT } from '../messages';

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
  const t = useUnitsT();
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
    void message.success(existing ? t('saved', { name: common.name }) : t('added', { name: common.name }));
    onClose();
  };

  return (
    <Modal
      open={open}
      title={
        existing ? (
          <>
            {t('editTitle')}
            <span data-i18n="data">{existing.name}</span>
          </>
        ) : (
          t('addTitle')
        )
      }
      okText={t('save')}
      cancelText={t('cancel')}
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
        <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, message: t('nameRequired') }, { max: 100, message: t('nameMax') }]}>
          <Input placeholder={t('namePlaceholder')} />
        </Form.Item>
        <Form.Item name="kind" label={t('kind')} rules={[{ required: true, message: t('kindRequired') }]}>
          <Radio.Group optionType="button" options={unitKinds.map((k) => ({ value: k, label: unitKindLabels[k] }))} />
        </Form.Item>
        <Form.Item
          name="aliases"
          label={t('aliases')}
          extra={t('aliasesHint')}
          rules={[{ type: 'array', max: 20, message: t('aliasesMax') }]}
        >
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', ',', '、']} placeholder={t('aliasPlaceholder')} />
        </Form.Item>
        <Form.Item name="sortKey" label={t('sortKey')} extra={t('sortKeyHint')} rules={[{ required: true, message: t('sortKeyRequired') }]}>
          <InputNumber min={0} max={1000000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
