import { GlobalOutlined, LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { LoginDocument } from '../../../gql/graphql';
import { describeError } from '../../../lib/errors';
import { useSession } from '../../../lib/session';
import { useElderMode } from '../../../lib/elderMode';
import { useCommonT } from '../../../lib/messages';
import { useLocale } from '../../../lib/i18n';
import { useAuthT } from '../messages';
import { rememberSignedIn, setupPath } from '../sessionMemory';

const loginMutation = LoginDocument;

interface Values {
  username: string;
  password: string;
  totpCode?: string;
}

/** Only paths inside this app are followed after signing in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

/** `/login`: sign in with username and password, and a one-time code where the role needs one. */
export function LoginPage() {
  const [params] = useSearchParams();
  const { session } = useSession();
  const [form] = Form.useForm<Values>();
  const [state, login] = useMutation(loginMutation);
  const [needTotp, setNeedTotp] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const expired = params.get('expired') !== null;
  const elder = useElderMode();
  const next = safeNext(params.get('next'));
  const t = useAuthT();
  const common = useCommonT();
  const { locale, setLocale } = useLocale();

  if (session && !state.fetching) return <Navigate to={session.restricted ? setupPath(next) : next} replace />;

  const submit = async (v: Values) => {
    setProblem(null);
    const r = await login({ input: { username: v.username.trim(), password: v.password, ...(needTotp && v.totpCode ? { totpCode: v.totpCode } : {}) } });
    if (r.error) {
      const d = describeError(r.error);
      if (d.fields.some((f) => f.field.endsWith('totpCode'))) form.setFields([{ name: 'totpCode', errors: d.fields.map((f) => f.message) }]);
      else setProblem(d.message);
      return;
    }
    const result = r.data?.login;
    if (!result) return;
    if (!result.session) {
      setNeedTotp(true);
      setProblem(null);
      return;
    }
    rememberSignedIn();
    // A fresh page: nothing cached from before signing in survives.
    window.location.replace(result.session.restricted ? setupPath(next) : next);
  };

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16, background: 'var(--ant-color-bg-layout, #f5f5f5)' }}>
      <Card style={{ width: '100%', maxWidth: 420 }} styles={{ body: { padding: '32px 32px 24px' } }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4, textAlign: 'center' }}>
          {common('appName')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginBottom: 24 }}>
          {common('appTitle')}
        </Typography.Paragraph>
        {problem ? (
          <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />
        ) : (
          expired && (
            <Alert
              type="warning"
              showIcon
              title={t('expiredTitle')}
              description={t('expiredHint')}
              style={{ marginBottom: 16 }}
            />
          )
        )}
        <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
          <Form.Item name="username" label={t('username')} rules={[{ required: true, whitespace: true, message: t('usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus disabled={needTotp} />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" disabled={needTotp} />
          </Form.Item>
          {needTotp && (
            <Form.Item
              name="totpCode"
              label={t('totpCode')}
              extra={t('totpHint')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('sixDigits') }]}
            >
              <Input prefix={<SafetyOutlined />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={state.fetching}>
            {t('signIn')}
          </Button>
          {needTotp && (
            <Button type="link" block onClick={() => setNeedTotp(false)} style={{ marginTop: 8 }}>
              {t('backToPassword')}
            </Button>
          )}
        </Form>
        <Flex justify="space-between" align="center" style={{ marginTop: 24 }}>
          <Typography.Text type="secondary">{t('forgotPassword')}</Typography.Text>
          {/* A native switch, not antd's: the sign-in page keeps within its JS budget (e2e/budget.test.mjs). */}
          <label style={{ display: 'flex', gap: 6, alignItems: 'center', cursor: 'pointer' }}>
            <input
              type="checkbox"
              role="switch"
              aria-checked={elder.elder}
              checked={elder.elder}
              onChange={(e) => elder.setElder(e.target.checked)}
              aria-label={t('elderMode')}
              style={{ width: 16, height: 16, accentColor: '#1456d9', margin: 0 }}
            />
            <Typography.Text>{t('elderMode')}</Typography.Text>
          </label>
        </Flex>
        {/* A plain link, not a dropdown: two languages, and the sign-in page keeps within its JS budget. */}
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button
            type="link"
            size="small"
            icon={<GlobalOutlined />}
            data-testid="language-switch"
            aria-label={common('language')}
            onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
          >
            {locale === 'en' ? <span lang="zh-CN">{common('languageZh')}</span> : <span lang="en">{common('languageEn')}</span>}
          </Button>
        </Flex>
      </Card>
    </Flex>
  );
}
