import { LogoutOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Steps, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { PageTitle } from '../../../components/PageTitle';
import { roleLabels, useSession } from '../../../lib/session';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { EmailForm } from '../components/EmailForm';
import { TotpEnrollment } from '../components/TotpEnrollment';
import { safeNext } from './LoginPage';
import { useLogout } from '../useLogout';
import { useAuthT } from '../messages';

type AuthKey = Parameters<ReturnType<typeof useAuthT>>[0];

const stepTitles: Record<string, AuthKey> = {
  PASSWORD_CHANGE: 'stepPasswordChange',
  PASSWORD_EXPIRED: 'stepPasswordExpired',
  TOTP_ENROLLMENT: 'stepTotp',
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
  const t = useAuthT();
  const titleOf = (s: string) => {
    const key = stepTitles[s];
    return key ? t(key) : s;
  };
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
        { key: 'name', label: t('name'), children: <span data-i18n="data">{u.displayName}</span> },
        { key: 'username', label: t('username'), children: <span data-i18n="data">{u.username}</span> },
        { key: 'unit', label: t('unit'), children: <span data-i18n="data">{u.unit?.name ?? '—'}</span> },
        {
          key: 'roles',
          label: t('roles'),
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
          : [{ key: 'totp', label: t('authenticator'), children: u.totpEnabled ? <Tag color="green">{t('bound')}</Tag> : <Tag>{t('notBound')}</Tag> }]),
      ]}
    />
  );

  if (setup) {
    const shown = allSteps.length > 0 ? allSteps : steps;
    const current = shown.findIndex((s) => steps.includes(s));
    return (
      <Flex vertical gap={16} style={{ maxWidth: 720, margin: '0 auto', padding: 16 }}>
        <PageTitle
          title={t('setupTitle')}
          hint={t('setupHint')}
          actions={
            <Button icon={<LogoutOutlined />} onClick={() => void logout()}>
              {t('signOut')}
            </Button>
          }
        />
        <Card size="small">
          <Steps
            size="small"
            current={current < 0 ? shown.length : current}
            items={[...shown.map((s) => ({ key: s, title: titleOf(s) })), { key: 'ready', title: t('ready') }]}
          />
        </Card>
        <Card size="small" title={t('currentAccount')}>
          {who}
        </Card>
        {needPassword ? (
          <Card size="small" title={steps.includes('PASSWORD_EXPIRED') ? t('stepPasswordExpired') : t('stepPasswordChange')}>
            <Alert
              type="warning"
              showIcon
              title={t(steps.includes('PASSWORD_EXPIRED') ? 'stepPasswordExpiredHint' : 'stepPasswordChangeHint')}
              style={{ marginBottom: 16 }}
            />
            <ChangePasswordForm onDone={done} />
          </Card>
        ) : (
          needTotp && (
            <Card size="small" title={t('stepTotp')}>
              <Alert type="warning" showIcon title={t('stepTotpHint')} style={{ marginBottom: 16 }} />
              <TotpEnrollment onDone={done} />
            </Card>
          )
        )}
      </Flex>
    );
  }

  return (
    <Flex vertical gap={16}>
      <PageTitle title={t('accountTitle')} actions={<Button onClick={() => void logout()}>{t('signOut')}</Button>} />
      <Card size="small" title={t('myAccount')}>
        {who}
      </Card>
      <Card size="small" title={t('notificationEmail')} id="email">
        <EmailForm />
      </Card>
      <Card size="small" title={t('changePassword')} id="password">
        <ChangePasswordForm onDone={done} />
      </Card>
      {!u.totpEnabled && (
        <Card size="small" title={t('stepTotp')}>
          {!u.totpRequired && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              {t('totpOptional')}
            </Typography.Paragraph>
          )}
          <TotpEnrollment onDone={done} />
        </Card>
      )}
    </Flex>
  );
}
