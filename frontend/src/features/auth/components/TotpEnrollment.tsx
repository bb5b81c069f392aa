import { App, Button, Flex, Form, Image, Input, Steps, Typography } from 'antd';
import { useMutation } from 'urql';
import { graphql } from '../../../gql';
import { useShowError } from '../../../lib/useShowError';

const beginTotpMutation = graphql(`
  mutation BeginTotpEnrollment {
    beginTotpEnrollment {
      url
      qrCode
      secret
    }
  }
`);

const confirmTotpMutation = graphql(`
  mutation ConfirmTotpEnrollment($code: String!) {
    confirmTotpEnrollment(code: $code) {
      restricted
      pendingSteps
      user {
        id
        totpEnabled
        version
      }
    }
  }
`);

/** Enrol an authenticator app: scan the QR code, then confirm with a code. */
export function TotpEnrollment({ onDone }: { onDone: (stillRestricted: boolean) => void }) {
  const [form] = Form.useForm<{ code: string }>();
  const { message } = App.useApp();
  const showError = useShowError();
  const [begun, begin] = useMutation(beginTotpMutation);
  const [confirming, confirm] = useMutation(confirmTotpMutation);
  const enrollment = begun.data?.beginTotpEnrollment;

  const start = async () => {
    const r = await begin({});
    if (r.error) showError(r.error);
  };

  const submit = async ({ code }: { code: string }) => {
    const r = await confirm({ code });
    if (r.error) {
      showError(r.error, { form });
      if (!form.getFieldError('code').length) form.setFields([{ name: 'code', errors: ['验证码不正确,请核对手机上显示的数字后重试'] }]);
      return;
    }
    void message.success('已绑定身份验证器,以后登录需输入动态验证码');
    onDone(r.data?.confirmTotpEnrollment.restricted ?? false);
  };

  if (!enrollment) {
    return (
      <Flex vertical gap={12} align="flex-start">
        <Typography.Text>绑定后,登录时除密码外还需输入手机身份验证器应用(如“腾讯身份验证器”、Google Authenticator)显示的 6 位动态验证码。</Typography.Text>
        <Button type="primary" loading={begun.fetching} onClick={start}>
          开始绑定
        </Button>
      </Flex>
    );
  }
  return (
    <Flex vertical gap={16}>
      <Steps
        orientation="vertical"
        size="small"
        current={1}
        items={[
          {
            title: '用身份验证器扫描二维码',
            description: (
              <Flex gap={16} wrap="wrap" align="center">
                <Image src={enrollment.qrCode} alt="身份验证器二维码" width={168} preview={false} />
                <div>
                  <Typography.Text type="secondary">无法扫描时,手动输入密钥:</Typography.Text>
                  <br />
                  <Typography.Text code copyable>
                    {enrollment.secret}
                  </Typography.Text>
                </div>
              </Flex>
            ),
          },
          {
            title: '输入应用显示的 6 位验证码',
            description: (
              <Form form={form} layout="inline" onFinish={submit} style={{ marginTop: 8 }}>
                <Form.Item name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位数字' }]}>
                  <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" style={{ width: 140 }} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={confirming.fetching}>
                  确认绑定
                </Button>
              </Form>
            ),
          },
        ]}
      />
    </Flex>
  );
}
