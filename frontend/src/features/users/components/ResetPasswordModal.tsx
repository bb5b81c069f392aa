import { Alert, App, Form, Modal } from 'antd';
import { useMutation } from 'urql';
import { useCommonT } from '../../../lib/messages';
import { passwordPolicyHint, passwordProblems } from '../../../lib/passwordPolicy';
import { useShowError } from '../../../lib/useShowError';
import { resetPasswordMutation } from '../documents';
import { useUsersT } from '../messages';
import { PasswordInput } from './PasswordInput';
import type { UserRow } from './UserModal';

/** Sets a temporary password that the user must replace at the next sign-in. */
export function ResetPasswordModal({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const t = useUsersT();
  const common = useCommonT();
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
    void message.success(t('resetDone', { name: user.displayName }), 6);
    onClose();
  };

  return (
    <Modal
      open={!!user}
      title={user ? t('resetTitleFor', { name: user.displayName, username: user.username }) : t('resetPassword')}
      okText={t('resetPassword')}
      okButtonProps={{ danger: true }}
      cancelText={common('cancel')}
      confirmLoading={state.fetching}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        title={t('resetNotice')}
        style={{ marginTop: 16, marginBottom: 16 }}
      />
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item
          name="password"
          label={t('tempPassword')}
          extra={t('tempPasswordExtra', { policy: passwordPolicyHint() })}
          rules={[
            { required: true, message: t('tempPasswordMissing') },
            {
              validator: (_, value: string | undefined) => {
                const problems = value ? passwordProblems(value, user?.username ?? '') : [];
                return problems.length === 0 ? Promise.resolve() : Promise.reject(new Error(problems.join(t('problemSeparator'))));
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
