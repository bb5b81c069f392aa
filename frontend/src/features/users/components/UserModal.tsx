import { Alert, App, Checkbox, Col, Form, Input, Modal, Row, Select, Switch, Typography } from 'antd';
import { useMutation } from 'urql';
import type { Role, UnitKind, UsersPageQuery } from '../../../gql/graphql';
import { unitKindLabels, unitKinds } from '../../../lib/labels';
import { useCommonT } from '../../../lib/messages';
import { passwordPolicyHint, passwordProblems } from '../../../lib/passwordPolicy';
import { useShowError } from '../../../lib/useShowError';
import { createUserMutation, updateUserMutation } from '../documents';
import { useUsersT } from '../messages';
import { allRoles, roleConflict, roleHint, roleLabel, sortRoles } from '../roles';
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
  const t = useUsersT();
  const words = useCommonT();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useShowError();
  const [createState, createUser] = useMutation(createUserMutation);
  const [updateState, updateUser] = useMutation(updateUserMutation);
  // Built on each render (a few dozen units): the group names are enum words in the language in use.
  const unitOptions = unitSelectOptions(units);
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
      void message.success(t('saved', { name: common.displayName }));
      onClose();
      return;
    }
    const username = v.username.trim();
    const r = await createUser({ input: { username, password: v.password, ...common } }, { additionalTypenames: ['User'] });
    if (r.error) {
      showError(r.error, { form });
      return;
    }
    void message.success(t('created', { username }), 6);
    onClose();
  };

  return (
    <Modal
      open={open}
      title={existing ? t('editTitle', { name: existing.displayName, username: existing.username }) : t('newUser')}
      okText={words('save')}
      cancelText={words('cancel')}
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
          title={editingSelf ? t('editingSelf') : t('editingOther')}
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
              <Form.Item label={t('username')}>
                <Typography.Text strong>{existing.username}</Typography.Text>
              </Form.Item>
            ) : (
              <Form.Item
                name="username"
                label={t('username')}
                extra={t('usernameExtra')}
                rules={[
                  { required: true, whitespace: true, message: t('usernameMissing') },
                  { pattern: /^[A-Za-z0-9_.-]{3,64}$/, message: t('usernamePattern') },
                ]}
              >
                <Input autoComplete="off" placeholder={t('usernamePlaceholder')} />
              </Form.Item>
            )}
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="displayName" label={t('displayName')} rules={[{ required: true, whitespace: true, message: t('displayNameMissing') }, { max: 64, message: t('displayNameTooLong') }]}>
              <Input placeholder={t('displayNamePlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="unitId" label={t('unit')} extra={t('unitExtra')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('unitPlaceholder')}
            options={unitOptions}
          />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('roles')}
          rules={[
            { type: 'array', required: true, min: 1, message: t('rolesMissing') },
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
                      {roleHint(r)}
                    </Typography.Text>
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </Checkbox.Group>
        </Form.Item>
        {existing ? (
          <Form.Item name="enabled" label={t('accountState')} valuePropName="checked" extra={t('accountStateExtra')}>
            <Switch checkedChildren={t('enabled')} unCheckedChildren={t('disabled')} />
          </Form.Item>
        ) : (
          <Form.Item
            name="password"
            label={t('initialPassword')}
            extra={t('initialPasswordExtra', { policy: passwordPolicyHint() })}
            dependencies={['username']}
            rules={[
              { required: true, message: t('initialPasswordMissing') },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) => {
                  const problems = value ? passwordProblems(value, String(getFieldValue('username') ?? '').trim()) : [];
                  return problems.length === 0 ? Promise.resolve() : Promise.reject(new Error(problems.join(t('problemSeparator'))));
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
