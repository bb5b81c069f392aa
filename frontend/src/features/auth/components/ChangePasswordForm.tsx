import { App, Button, Form, Input } from 'antd';
import { useMutation } from 'urql';
import { graphql } from '../../../gql';
import { useAuthT } from '../messages';
import { passwordPolicyHint, passwordProblems } from '../../../lib/passwordPolicy';
import { useSession } from '../../../lib/session';
import { useShowError } from '../../../lib/useShowError';

const changePasswordMutation = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      restricted
      pendingSteps
      user {
        id
        mustChangePassword
        version
      }
    }
  }
`);

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Replace one's own password; the server checks the policy and the history. */
export function ChangePasswordForm({ onDone }: { onDone: (stillRestricted: boolean) => void }) {
  const [form] = Form.useForm<Values>();
  const t = useAuthT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [state, change] = useMutation(changePasswordMutation);
  const username = useSession().session?.user.username ?? '';

  const submit = async (v: Values) => {
    const r = await change({ input: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
    if (r.error) {
      showError(r.error, { form });
      return;
    }
    form.resetFields();
    void message.success(t('passwordChanged'));
    onDone(r.data?.changePassword.restricted ?? false);
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} style={{ maxWidth: 400 }}>
      <Form.Item name="currentPassword" label={t('currentPassword')} rules={[{ required: true, message: t('currentPasswordRequired') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('newPassword')}
        extra={t('newPasswordExtra', { policy: passwordPolicyHint() })}
        rules={[
          { required: true, message: t('newPasswordRequired') },
          {
            validator: (_, value: string | undefined) => {
              const problems = value ? passwordProblems(value, username) : [];
              return problems.length === 0 ? Promise.resolve() : Promise.reject(new Error(problems.join(';')));
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('confirmPasswordRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('passwordsDiffer')))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={state.fetching}>
        {t('changePassword')}
      </Button>
    </Form>
  );
}
