import { App, Form, Modal, Radio, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { graphql } from '../../../gql';
import type { RankingGroup } from '../../../gql/graphql';
import { defaultGroupForKind, rankingGroupLabels, rankingGroups, unitKindLabels } from '../../../lib/labels';
import { useShowError } from '../../../lib/useShowError';
import { useEvaluateesT } from '../messages';

const candidateUnitsQuery = graphql(`
  query EvaluateeCandidates {
    units {
      id
      name
      kind
      aliases
      sortKey
    }
  }
`);

const createEvaluateeMutation = graphql(`
  mutation CreateEvaluatee($input: CreateEvaluateeInput!) {
    createEvaluatee(input: $input) {
      id
      planId
      group
      version
      unit {
        id
        name
        kind
        sortKey
      }
    }
  }
`);

interface Values {
  unitIds: string[];
  group: RankingGroup;
}

/** Adds units to the plan as evaluatees, all in one ranking group. */
export function AddEvaluateesModal({
  planId,
  open,
  existingUnitIds,
  onClose,
}: {
  planId: string;
  open: boolean;
  existingUnitIds: ReadonlySet<string>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const client = useClient();
  const { message } = App.useApp();
  const t = useEvaluateesT();
  const showError = useShowError();
  const [saving, setSaving] = useState(false);
  const [{ data, fetching }] = useQuery({ query: candidateUnitsQuery, pause: !open });

  const units = useMemo(() => (data?.units ?? []).filter((u) => !existingUnitIds.has(u.id)), [data, existingUnitIds]);

  const submit = async (v: Values) => {
    setSaving(true);
    let added = 0;
    try {
      for (const unitId of v.unitIds) {
        const result = await client
          .mutation(createEvaluateeMutation, { input: { planId, unitId, group: v.group } }, { additionalTypenames: ['Evaluatee'] })
          .toPromise();
        if (result.error) {
          showError(result.error, { form });
          break;
        }
        added++;
      }
    } finally {
      setSaving(false);
    }
    if (added > 0) void message.success(t('addedCount', { count: added }));
    if (added === v.unitIds.length) onClose();
    else form.setFieldValue(
      'unitIds',
      v.unitIds.slice(added),
    );
  };

  return (
    <Modal
      open={open}
      title={t('addTitle')}
      okText={t('add')}
      cancelText={t('cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        onFinish={submit}
        initialValues={{ unitIds: [], group: 'DISTRICTS' }}
        onValuesChange={(changed: Partial<Values>, all) => {
          // Suggest the group from the first chosen unit's kind.
          if (changed.unitIds && changed.unitIds.length > 0 && all.unitIds.length === changed.unitIds.length) {
            const first = units.find((u) => u.id === changed.unitIds![0]);
            if (first) form.setFieldValue('group', defaultGroupForKind(first.kind));
          }
        }}
        style={{ marginTop: 16 }}
      >
        <Form.Item name="unitIds" label={t('unit')} rules={[{ required: true, type: 'array', min: 1, message: t('pickUnit') }]}>
          <Select
            mode="multiple"
            loading={fetching}
            placeholder={t('unitPlaceholder')}
            showSearch={{ optionFilterProp: 'search' }}
            options={units.map((u) => ({ value: u.id, label: u.name, search: [u.name, ...u.aliases].join(' '), kind: unitKindLabels[u.kind] }))}
            optionRender={(o) => (
              <span>
                <span data-i18n="data">{o.data.label}</span> <Typography.Text type="secondary">{o.data.kind}</Typography.Text>
              </span>
            )}
            notFoundContent={fetching ? t('loading') : t('noUnits')}
          />
        </Form.Item>
        <Form.Item name="group" label={t('group')} rules={[{ required: true }]} extra={t('groupHint')}>
          <Radio.Group optionType="button" options={rankingGroups.map((g) => ({ value: g, label: rankingGroupLabels[g] }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
