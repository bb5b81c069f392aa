import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { LoginDocument } from '../../../gql/graphql';
import { describeError } from '../../../lib/errors';
import { useSession } from '../../../lib/session';
import { useElderMode } from '../../../lib/elderMode';
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
          考评
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginBottom: 24 }}>
          数字政府建设考评系统
        </Typography.Paragraph>
        {problem ? (
          <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />
        ) : (
          expired && (
            <Alert
              type="warning"
              showIcon
              title="登录已过期,请重新登录"
              description="长时间未操作、在其他地方退出或账号被调整时,登录会自动结束。登录后将回到刚才的页面。"
              style={{ marginBottom: 16 }}
            />
          )
        )}
        <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
          <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus disabled={needTotp} />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" disabled={needTotp} />
          </Form.Item>
          {needTotp && (
            <Form.Item
              name="totpCode"
              label="动态验证码"
              extra="请打开手机上的身份验证器应用,输入显示的 6 位数字。"
              rules={[{ required: true, pattern: /^\d{6}$/, message: '请输入 6 位数字' }]}
            >
              <Input prefix={<SafetyOutlined />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={state.fetching}>
            登录
          </Button>
          {needTotp && (
            <Button type="link" block onClick={() => setNeedTotp(false)} style={{ marginTop: 8 }}>
              返回修改用户名或密码
            </Button>
          )}
        </Form>
        <Flex justify="space-between" align="center" style={{ marginTop: 24 }}>
          <Typography.Text type="secondary">忘记密码请联系系统管理员</Typography.Text>
          {/* A native switch, not antd's: the sign-in page keeps within its JS budget (e2e/budget.test.mjs). */}
          <label style={{ display: 'flex', gap: 6, alignItems: 'center', cursor: 'pointer' }}>
            <input
              type="checkbox"
              role="switch"
              aria-checked={elder.elder}
              checked={elder.elder}
              onChange={(e) => elder.setElder(e.target.checked)}
              aria-label="长辈模式"
              style={{ width: 16, height: 16, accentColor: '#1456d9', margin: 0 }}
            />
            <Typography.Text>长辈模式</Typography.Text>
          </label>
        </Flex>
      </Card>
    </Flex>
  );
}
