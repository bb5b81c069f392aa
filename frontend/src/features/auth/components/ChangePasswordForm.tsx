import { App, Button, Form, Input } from 'antd';
import { useMutation } from 'urql';
import { graphql } from '../../../gql';
import { passwordPolicyText, passwordProblems } from '../../../lib/passwordPolicy';
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
    void message.success('密码已修改;您在其他设备上的登录已退出');
    onDone(r.data?.changePassword.restricted ?? false);
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} style={{ maxWidth: 400 }}>
      <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label="新密码"
        extra={`${passwordPolicyText},不能与最近用过的密码相同。`}
        rules={[
          { required: true, message: '请输入新密码' },
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
        label="再次输入新密码"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={state.fetching}>
        修改密码
      </Button>
    </Form>
  );
}
