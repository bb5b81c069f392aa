import { Alert, App, Form, Modal } from 'antd';
import { useMutation } from 'urql';
import { passwordPolicyText, passwordProblems } from '../../../lib/passwordPolicy';
import { useShowError } from '../../../lib/useShowError';
import { resetPasswordMutation } from '../documents';
import { PasswordInput } from './PasswordInput';
import type { UserRow } from './UserModal';

/** Sets a temporary password that the user must replace at the next sign-in. */
export function ResetPasswordModal({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const { message } = App.useApp();
  const showError = useShowError();
  const [state, reset] = useMutation(resetPasswordMutation);

  const submit = async ({ password }: { password: string }) => {
    if (!user) return;
    const r = await reset({ input: { id: user.id, password } });
    if (r.error) {
      showError(r.error, { form });
      return;
    }
    void message.success(`已重置“${user.displayName}”的密码,请将临时密码告知本人`, 6);
    onClose();
  };

  return (
    <Modal
      open={!!user}
      title={user ? `重置密码:${user.displayName}(${user.username})` : '重置密码'}
      okText="重置密码"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={state.fetching}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        title="重置后,该用户已登录的会话立即结束;下次登录须用临时密码登录并改为自己的密码。"
        style={{ marginTop: 16, marginBottom: 16 }}
      />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item
          name="password"
          label="临时密码"
          extra={`${passwordPolicyText},且不能与该用户最近用过的密码相同。`}
          rules={[
            { required: true, message: '请填写临时密码' },
            {
              validator: (_, value: string | undefined) => {
                const problems = value ? passwordProblems(value, user?.username ?? '') : [];
                return problems.length === 0 ? Promise.resolve() : Promise.reject(new Error(problems.join(';')));
              },
            },
          ]}
        >
          <PasswordInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}
