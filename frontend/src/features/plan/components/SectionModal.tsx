import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useMutation } from 'urql';
import { graphql } from '../../../gql';
import { dimensionNumberLabel, indicatorNumberLabel } from '../../../lib/labels';
import { useCommonT } from '../../../lib/messages';
import { useShowError } from '../../../lib/useShowError';
import { usePlanT } from '../messages';
import { twoDecimalsRule } from './formRules';

const createDimensionMutation = graphql(`
  mutation CreateDimension($input: CreateDimensionInput!) {
    createDimension(input: $input) {
      id
      planId
      number
      name
      points
      version
    }
  }
`);

const updateDimensionMutation = graphql(`
  mutation UpdateDimension($input: UpdateDimensionInput!) {
    updateDimension(input: $input) {
      id
      planId
      number
      name
      points
      version
    }
  }
`);

const createIndicatorMutation = graphql(`
  mutation CreateIndicator($input: CreateIndicatorInput!) {
    createIndicator(input: $input) {
      id
      dimensionId
      number
      name
      points
      version
    }
  }
`);

const updateIndicatorMutation = graphql(`
  mutation UpdateIndicator($input: UpdateIndicatorInput!) {
    updateIndicator(input: $input) {
      id
      dimensionId
      number
      name
      points
      version
    }
  }
`);

/** What the modal edits: a dimension (方面) or an indicator (指标大项), new or existing. */
export type SectionTarget =
  | { level: 'dimension'; planId: string; nextNumber: number }
  | { level: 'dimension'; existing: { id: string; version: number; number: number; name: string; points: string } }
  | { level: 'indicator'; dimensionId: string; dimensionName: string; nextNumber: number }
  | { level: 'indicator'; existing: { id: string; version: number; number: number; name: string; points: string } };

interface Values {
  number: number;
  name: string;
  points: string;
}


export function SectionModal({ target, onClose, onConflict }: { target: SectionTarget | null; onClose: () => void; onConflict: () => void }) {
  const t = usePlanT();
  const words = useCommonT();
  const [form] = Form.useForm<Values>();
  const showError = useShowError();
  const { message } = App.useApp();
  const [createDim, runCreateDim] = useMutation(createDimensionMutation);
  const [updateDim, runUpdateDim] = useMutation(updateDimensionMutation);
  const [createInd, runCreateInd] = useMutation(createIndicatorMutation);
  const [updateInd, runUpdateInd] = useMutation(updateIndicatorMutation);
  const saving = createDim.fetching || updateDim.fetching || createInd.fetching || updateInd.fetching;

  if (!target) return null;
  const name = target.level === 'dimension' ? t('whatDimension') : t('whatIndicator');
  const editing = 'existing' in target;
  const numberLabel = target.level === 'dimension' ? dimensionNumberLabel : indicatorNumberLabel;

  const submit = async (v: Values) => {
    const common = { number: v.number, name: v.name.trim(), points: String(v.points) };
    let result;
    if (target.level === 'dimension') {
      result =
        'existing' in target
          ? await runUpdateDim({ input: { id: target.existing.id, version: target.existing.version, ...common } })
          : await runCreateDim({ input: { planId: target.planId, ...common } }, { additionalTypenames: ['Dimension'] });
    } else {
      result =
        'existing' in target
          ? await runUpdateInd({ input: { id: target.existing.id, version: target.existing.version, ...common } })
          : await runCreateInd({ input: { dimensionId: target.dimensionId, ...common } }, { additionalTypenames: ['Indicator'] });
    }
    if (result.error) {
      const d = showError(result.error, { form, onConflict });
      if (d.code === 'CONFLICT' || d.code === 'NOT_FOUND') onClose();
      return;
    }
    void message.success(editing ? t('sectionSaved', { what: name }) : t('sectionAdded', { what: name }));
    onClose();
  };

  return (
    <Modal
      open
      title={
        editing
          ? t('editSection', { what: name })
          : target.level === 'indicator'
            ? t('addIndicatorUnder', { dimension: target.dimensionName })
            : t('addDimension')
      }
      okText={words('save')}
      cancelText={words('cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        initialValues={'existing' in target ? target.existing : { number: target.nextNumber }}
        layout="vertical"
        onFinish={submit} requiredMark="optional" style={{ marginTop: 16 }}>
        <Form.Item
          name="number"
          label={t('sectionNumber')}
          extra={<Form.Item noStyle shouldUpdate>{() => t('shownAs', { label: numberLabel(form.getFieldValue('number') ?? 1) })}</Form.Item>}
          rules={[{ required: true, message: t('numberMissing') }]}
        >
          <InputNumber min={1} max={99} precision={0} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="name" label={t('sectionName', { what: name })} rules={[{ required: true, whitespace: true, message: t('sectionNameMissing', { what: name }) }, { max: 200, message: t('tooLong200') }]}>
          <Input placeholder={target.level === 'dimension' ? t('dimensionPlaceholder') : t('indicatorPlaceholder')} />
        </Form.Item>
        <Form.Item name="points" label={t('colPoints')} rules={[{ required: true, message: t('pointsMissing') }, twoDecimalsRule]}>
          <InputNumber<string> stringMode min="0" max="100" step="0.5" suffix={t('pointsSuffix')} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
