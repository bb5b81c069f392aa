import { LogoutOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Steps, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { roleLabels, useSession } from '../../../lib/session';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { TotpEnrollment } from '../components/TotpEnrollment';
import { safeNext } from './LoginPage';
import { useLogout } from '../useLogout';

const stepLabels: Record<string, string> = {
  PASSWORD_CHANGE: '管理员设置的初始密码需要您修改为自己的密码',
  PASSWORD_EXPIRED: '密码已到期,请修改密码',
  TOTP_ENROLLMENT: '您的角色需要绑定手机身份验证器',
};

const stepTitles: Record<string, string> = {
  PASSWORD_CHANGE: '修改初始密码',
  PASSWORD_EXPIRED: '更换到期密码',
  TOTP_ENROLLMENT: '绑定身份验证器',
};

/**
 * `/account`: who is signed in, password change and authenticator enrolment.
 * `/account/setup` (`setup`): where a restricted session is kept until it has
 * done its pending steps (new password, authenticator), one step at a time;
 * then on to `?next=` or the start page.
 */
export function AccountPage({ setup = false }: { setup?: boolean }) {
  const { session, refresh } = useSession();
  const logout = useLogout();
  const location = useLocation();
  const [params] = useSearchParams();
  // Memoised: a fresh [] on every render would re-run the effect below each time.
  const pending = session?.pendingSteps;
  const steps = useMemo(() => pending ?? [], [pending]);
  // Every step asked for since the page opened, so done ones stay listed.
  const [allSteps, setAllSteps] = useState<string[]>(steps);
  useEffect(() => {
    if (steps.some((s) => !allSteps.includes(s))) setAllSteps([...allSteps, ...steps.filter((s) => !allSteps.includes(s))]);
  }, [steps, allSteps]);
  useEffect(() => {
    if (!setup && location.hash === '#password') document.getElementById('password')?.scrollIntoView({ block: 'start' });
  }, [setup, location.hash]);
  if (!session) return null;
  const u = session.user;
  const needPassword = steps.includes('PASSWORD_CHANGE') || steps.includes('PASSWORD_EXPIRED');
  const needTotp = steps.includes('TOTP_ENROLLMENT');
  const done = (stillRestricted: boolean) => {
    if (setup && !stillRestricted) window.location.replace(safeNext(params.get('next')));
    else refresh();
  };

  const who = (
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
        ...(setup
          ? []
          : [{ key: 'totp', label: '身份验证器', children: u.totpEnabled ? <Tag color="green">已绑定</Tag> : <Tag>未绑定</Tag> }]),
      ]}
    />
  );

  if (setup) {
    const shown = allSteps.length > 0 ? allSteps : steps;
    const current = shown.findIndex((s) => steps.includes(s));
    return (
      <Flex vertical gap={16} style={{ maxWidth: 720, margin: '0 auto', padding: 16 }}>
        <PageTitle
          title="完成账号设置"
          hint="为保障账号安全,请先完成以下步骤;完成前不能使用系统的其他功能。"
          actions={
            <Button icon={<LogoutOutlined />} onClick={() => void logout()}>
              退出登录
            </Button>
          }
        />
        <Card size="small">
          <Steps
            size="small"
            current={current < 0 ? shown.length : current}
            items={[...shown.map((s) => ({ key: s, title: stepTitles[s] ?? s })), { key: 'ready', title: '开始使用' }]}
          />
        </Card>
        <Card size="small" title="当前账号">
          {who}
        </Card>
        {needPassword ? (
          <Card size="small" title={steps.includes('PASSWORD_EXPIRED') ? '更换到期密码' : '修改初始密码'}>
            <Alert
              type="warning"
              showIcon
              title={stepLabels[steps.includes('PASSWORD_EXPIRED') ? 'PASSWORD_EXPIRED' : 'PASSWORD_CHANGE']}
              style={{ marginBottom: 16 }}
            />
            <ChangePasswordForm onDone={done} />
          </Card>
        ) : (
          needTotp && (
            <Card size="small" title="绑定身份验证器">
              <Alert type="warning" showIcon title={stepLabels['TOTP_ENROLLMENT']} style={{ marginBottom: 16 }} />
              <TotpEnrollment onDone={done} />
            </Card>
          )
        )}
      </Flex>
    );
  }

  return (
    <Flex vertical gap={16}>
      <PageTitle title="账号设置" actions={<Button onClick={() => void logout()}>退出登录</Button>} />
      <Card size="small" title="我的账号">
        {who}
      </Card>
      <Card size="small" title="修改密码" id="password">
        <ChangePasswordForm onDone={done} />
      </Card>
      {!u.totpEnabled && (
        <Card size="small" title="绑定身份验证器">
          {!u.totpRequired && (
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
