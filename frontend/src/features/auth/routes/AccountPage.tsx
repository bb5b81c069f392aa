import { Alert, Button, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { useMutation } from 'urql';
import { PageTitle } from '../../../components/PageTitle';
import { graphql } from '../../../gql';
import { roleLabels, useSession } from '../../../lib/session';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { TotpEnrollment } from '../components/TotpEnrollment';

const logoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

const stepLabels: Record<string, string> = {
  PASSWORD_CHANGE: '管理员设置的初始密码需要您修改为自己的密码',
  PASSWORD_EXPIRED: '密码已到期,请修改密码',
  TOTP_ENROLLMENT: '您的角色需要绑定手机身份验证器',
};

/** Signs out and starts afresh on the sign-in page. */
export function useLogout() {
  const [, logout] = useMutation(logoutMutation);
  return async () => {
    await logout({});
    window.location.replace('/login');
  };
}

/**
 * `/account` (and `/account/setup` while the session is restricted): who is
 * signed in, password change and authenticator enrolment.
 */
export function AccountPage({ setup = false }: { setup?: boolean }) {
  const { session, refresh } = useSession();
  const logout = useLogout();
  if (!session) return null;
  const u = session.user;
  const steps = session.pendingSteps;
  const needPassword = steps.includes('PASSWORD_CHANGE') || steps.includes('PASSWORD_EXPIRED');
  const needTotp = steps.includes('TOTP_ENROLLMENT');
  const done = (stillRestricted: boolean) => {
    if (setup && !stillRestricted) window.location.replace('/');
    else refresh();
  };

  return (
    <Flex vertical gap={16} style={setup ? { maxWidth: 720, margin: '0 auto', padding: 16 } : undefined}>
      <PageTitle
        title={setup ? '完成账号设置' : '账号设置'}
        hint={setup ? '完成以下步骤后即可使用系统。' : undefined}
        actions={
          <Button onClick={() => void logout()}>退出登录</Button>
        }
      />
      {steps.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title="请先完成以下设置"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {steps.map((s) => (
                <li key={s}>{stepLabels[s] ?? s}</li>
              ))}
            </ul>
          }
        />
      )}
      <Card size="small" title="我的账号">
        <Descriptions
          column={{ xs: 1, sm: 2 }}
          size="small"
          items={[
            { key: 'name', label: '姓名', children: u.displayName },
            { key: 'username', label: '用户名', children: u.username },
            { key: 'unit', label: '所在单位', children: u.unit?.name ?? '—' },
            {
              key: 'roles',
              label: '角色',
              children: (
                <Flex gap={4} wrap="wrap">
                  {u.roles.map((r) => (
                    <Tag key={r} color="blue" style={{ marginInlineEnd: 0 }}>
                      {roleLabels[r]}
                    </Tag>
                  ))}
                </Flex>
              ),
            },
            { key: 'totp', label: '身份验证器', children: u.totpEnabled ? <Tag color="green">已绑定</Tag> : <Tag>未绑定</Tag> },
          ]}
        />
      </Card>
      {(!setup || needPassword) && (
        <Card size="small" title="修改密码">
          <ChangePasswordForm onDone={done} />
        </Card>
      )}
      {(needTotp || (!setup && !u.totpEnabled)) && (
        <Card size="small" title="绑定身份验证器">
          {!needTotp && !u.totpRequired && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              可选:系统管理员、审计员必须绑定,其他角色绑定后登录更安全。
            </Typography.Paragraph>
          )}
          <TotpEnrollment onDone={done} />
        </Card>
      )}
    </Flex>
  );
}
