import { App, Button, Flex, Form, Image, Input, Steps, Typography } from 'antd';
import { useMutation } from 'urql';
import { graphql } from '../../../gql';
import { useShowError } from '../../../lib/useShowError';
import { useAuthT } from '../messages';

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
  const t = useAuthT();
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
      if (!form.getFieldError('code').length) form.setFields([{ name: 'code', errors: [t('codeWrong')] }]);
      return;
    }
    void message.success(t('totpBound'));
    onDone(r.data?.confirmTotpEnrollment.restricted ?? false);
  };

  if (!enrollment) {
    return (
      <Flex vertical gap={12} align="flex-start">
        <Typography.Text>{t('totpIntro')}</Typography.Text>
        <Button type="primary" loading={begun.fetching} onClick={start}>
          {t('startBinding')}
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
            title: t('scanQr'),
            description: (
              <Flex gap={16} wrap="wrap" align="center">
                <Image src={enrollment.qrCode} alt={t('qrAlt')} width={168} preview={false} />
                <div>
                  <Typography.Text type="secondary">{t('manualKey')}</Typography.Text>
                  <br />
                  <Typography.Text code copyable>
                    {enrollment.secret}
                  </Typography.Text>
                </div>
              </Flex>
            ),
          },
          {
            title: t('enterCode'),
            description: (
              <Form form={form} layout="inline" onFinish={submit} style={{ marginTop: 8 }}>
                <Form.Item name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: t('sixDigits') }]}>
                  <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" style={{ width: 140 }} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={confirming.fetching}>
                  {t('confirmBinding')}
                </Button>
              </Form>
            ),
          },
        ]}
      />
    </Flex>
  );
}
