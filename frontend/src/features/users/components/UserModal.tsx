import { Alert, App, Checkbox, Col, Form, Input, Modal, Row, Select, Switch, Typography } from 'antd';
import { useMemo } from 'react';
import { useMutation } from 'urql';
import type { Role, UnitKind, UsersPageQuery } from '../../../gql/graphql';
import { unitKindLabels, unitKinds } from '../../../lib/labels';
import { passwordPolicyText, passwordProblems } from '../../../lib/passwordPolicy';
import { useShowError } from '../../../lib/useShowError';
import { createUserMutation, updateUserMutation } from '../documents';
import { allRoles, roleConflict, roleHints, roleLabel, sortRoles } from '../roles';
import { PasswordInput } from './PasswordInput';

export type UserRow = UsersPageQuery['users'][number];
export type UnitOption = UsersPageQuery['units'][number];

interface Values {
  username: string;
  displayName: string;
  unitId?: string | null;
  roles: Role[];
  password: string;
  enabled: boolean;
}

/** Unit choices grouped by kind, in catalogue order. */
export function unitSelectOptions(units: readonly UnitOption[]) {
  return unitKinds
    .map((k: UnitKind) => ({
      label: unitKindLabels[k],
      title: unitKindLabels[k],
      options: units.filter((u) => u.kind === k).map((u) => ({ value: u.id, label: u.name })),
    }))
    .filter((g) => g.options.length > 0);
}

/** Create a user, or edit one (`existing`): name, unit, roles, enabled. */
export function UserModal({
  open,
  existing,
  units,
  selfId,
  onClose,
  onConflict,
}: {
  open: boolean;
  existing: UserRow | null;
  units: readonly UnitOption[];
  /** The signed-in administrator, who is signed out by saving their own account. */
  selfId: string | undefined;
  onClose: () => void;
  onConflict: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useShowError();
  const [createState, createUser] = useMutation(createUserMutation);
  const [updateState, updateUser] = useMutation(updateUserMutation);
  const unitOptions = useMemo(() => unitSelectOptions(units), [units]);
  const editingSelf = !!existing && existing.id === selfId;

  const submit = async (v: Values) => {
    const common = { displayName: v.displayName.trim(), unitId: v.unitId || null, roles: sortRoles(v.roles) };
    if (existing) {
      const r = await updateUser({ input: { id: existing.id, version: existing.version, enabled: v.enabled, ...common } });
      if (r.error) {
        const d = showError(r.error, { form, onConflict });
        if (d.code === 'CONFLICT' || d.code === 'NOT_FOUND') onClose();
        return;
      }
      void message.success(`已保存“${common.displayName}”;该用户需重新登录`);
      onClose();
      return;
    }
    const username = v.username.trim();
    const r = await createUser({ input: { username, password: v.password, ...common } }, { additionalTypenames: ['User'] });
    if (r.error) {
      showError(r.error, { form });
      return;
    }
    void message.success(`已新增用户“${username}”,请将初始密码告知本人;首次登录须修改密码`, 6);
    onClose();
  };

  return (
    <Modal
      open={open}
      title={existing ? `编辑用户:${existing.displayName}(${existing.username})` : '新增用户'}
      okText="保存"
      cancelText="取消"
      confirmLoading={createState.fetching || updateState.fetching}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      {existing && (
        <Alert
          type="warning"
          showIcon
          title={editingSelf ? '这是您自己的账号:保存后您将退出登录,需重新登录。' : '保存后,该用户已登录的会话将立即结束,需重新登录;角色变更随即生效。'}
          style={{ marginTop: 16 }}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        onFinish={submit}
        initialValues={
          existing
            ? { username: existing.username, displayName: existing.displayName, unitId: existing.unit?.id, roles: existing.roles, enabled: existing.enabled }
            : { roles: [], enabled: true }
        }
        style={{ marginTop: 16 }}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            {existing ? (
              <Form.Item label="用户名">
                <Typography.Text strong>{existing.username}</Typography.Text>
              </Form.Item>
            ) : (
              <Form.Item
                name="username"
                label="用户名"
                extra="登录用,创建后不能修改"
                rules={[
                  { required: true, whitespace: true, message: '请填写用户名' },
                  { pattern: /^[A-Za-z0-9_.-]{3,64}$/, message: '3 至 64 位字母、数字或 _ . -' },
                ]}
              >
                <Input autoComplete="off" placeholder="如:zhangsan" />
              </Form.Item>
            )}
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 64, message: '不超过 64 字' }]}>
              <Input placeholder="如:张三" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="unitId" label="所在单位" extra="评分员、联络员按所在单位限定可操作的数据。">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择单位"
            options={unitOptions}
          />
        </Form.Item>
        <Form.Item
          name="roles"
          label="角色"
          rules={[
            { type: 'array', required: true, min: 1, message: '请至少选择一个角色' },
            {
              validator: (_, value: Role[] | undefined) => {
                const why = roleConflict(value ?? []);
                return why ? Promise.reject(new Error(why)) : Promise.resolve();
              },
            },
          ]}
        >
          <Checkbox.Group style={{ width: '100%' }}>
            <Row gutter={[8, 8]}>
              {allRoles.map((r) => (
                <Col xs={24} sm={12} key={r}>
                  <Checkbox value={r}>
                    {roleLabel(r)}
                    <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                      {roleHints[r]}
                    </Typography.Text>
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </Checkbox.Group>
        </Form.Item>
        {existing ? (
          <Form.Item name="enabled" label="账号状态" valuePropName="checked" extra="停用后不能登录,已登录的会话随即结束。">
            <Switch checkedChildren="启用" unCheckedChildren="停用" />
          </Form.Item>
        ) : (
          <Form.Item
            name="password"
            label="初始密码"
            extra={`${passwordPolicyText}。用户首次登录时必须修改。`}
            dependencies={['username']}
            rules={[
              { required: true, message: '请填写初始密码' },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) => {
                  const problems = value ? passwordProblems(value, String(getFieldValue('username') ?? '').trim()) : [];
                  return problems.length === 0 ? Promise.resolve() : Promise.reject(new Error(problems.join(';')));
                },
              }),
            ]}
          >
            <PasswordInput />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
