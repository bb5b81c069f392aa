import { Alert, App, Button, Flex, Form, Input } from 'antd';
import { useMutation } from 'urql';
import { graphql } from '../../../gql';
import { useSession } from '../../../lib/session';
import { useShowError } from '../../../lib/useShowError';
import { useAuthT } from '../messages';

const setMyEmailMutation = graphql(`
  mutation SetMyEmail($input: SetMyEmailInput!) {
    setMyEmail(input: $input) {
      user {
        id
        email
      }
    }
  }
`);

interface Values {
  email: string;
}

/**
 * The address copies of the user's notifications are e-mailed to. The
 * server sends them only when an SMTP relay is configured; the address is
 * kept either way, and the user is told which it is.
 */
export function EmailForm() {
  const [form] = Form.useForm<Values>();
  const t = useAuthT();
  const { message } = App.useApp();
  const showError = useShowError();
  const { session, refresh } = useSession();
  const [state, save] = useMutation(setMyEmailMutation);
  if (!session) return null;

  const submit = async (v: Values) => {
    const r = await save({ input: { email: v.email.trim() || null } });
    if (r.error) {
      showError(r.error, { form });
      return;
    }
    void message.success(r.data?.setMyEmail.user.email ? t('emailSaved') : t('emailRemoved'));
    refresh();
  };

  return (
    <Flex vertical gap={12} style={{ maxWidth: 400 }}>
      <Alert
        type={session.emailDelivery ? 'info' : 'warning'}
        showIcon
        title={session.emailDelivery ? t('emailOn') : t('emailOff')}
        data-testid="email-delivery"
      />
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ email: session.user.email ?? '' }}>
        <Form.Item name="email" label={t('email')} extra={t('emailExtra')} rules={[{ type: 'email', message: t('emailInvalid') }]}>
          <Input type="email" autoComplete="email" placeholder="name@example.gov.cn" data-testid="email-input" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={state.fetching} data-testid="email-save">
          {t('saveEmail')}
        </Button>
      </Form>
    </Flex>
  );
}
