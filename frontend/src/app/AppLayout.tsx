import { AlertOutlined, ApartmentOutlined, ApiOutlined, AuditOutlined, BankOutlined, BarChartOutlined, CalendarOutlined, CameraOutlined, CarryOutOutlined, DownOutlined, EditOutlined, ExperimentOutlined, FileDoneOutlined, FormOutlined, HomeOutlined, IdcardOutlined, ImportOutlined, MessageOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, ScheduleOutlined, SolutionOutlined, TeamOutlined, TrophyOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Dropdown, Flex, Grid, Layout, Menu, Select, Switch, theme, Typography, type MenuProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Outlet, useLocation, useMatch, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { canUsePage, useLogout } from '../features/auth/shell';
import { NotificationBell } from '../features/notifications';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { planLabel } from '../lib/labels';
import { useSession } from '../lib/session';
import { readStored, storageKeys, writeStored } from '../lib/storage';
import { useElderMode } from '../lib/elderMode';
import { useCommonT } from '../lib/messages';
import { useAppT } from './messages';
import { appPlansQuery } from './plans';

function menuKey(pathname: string): string {
  if (pathname === '/') return 'home';
  if (pathname.startsWith('/units')) return 'units';
  if (pathname.startsWith('/import')) return 'import';
  if (pathname.startsWith('/users')) return 'users';
  if (pathname.startsWith('/audit')) return 'audit';
  if (pathname.startsWith('/visits')) return 'visits';
  if (pathname.startsWith('/views')) return 'views';
  if (/^\/plans\/[^/]+\/field-visits/.test(pathname)) return 'field-visits';
  if (/^\/plans\/[^/]+\/visit-plans/.test(pathname)) return 'visit-plans';
  if (/^\/plans\/[^/]+\/evaluatees/.test(pathname)) return 'evaluatees';
  const scoringPage = /^\/plans\/[^/]+\/(scoring|verification|periods|sources|ranking|results|compare|heatmap|reports|overdue|whatif|objections)(\/|$)/.exec(pathname)?.[1];
  if (scoringPage) return ['results', 'compare', 'heatmap'].includes(scoringPage) ? 'ranking' : scoringPage;
  if (pathname.startsWith('/plans/')) return 'plan';
  return '';
}

/** Pages of a plan's half-year evaluation (features scoring, verification, periods, sources, results, reports). */
const scoringPages = ['overdue', 'reports', 'objections', 'scoring', 'verification', 'periods', 'sources', 'ranking', 'whatif', 'field-visits', 'visit-plans'];

/** Layout of every page: header with product, current plan and 长辈模式; side menu; content. */
export function AppLayout() {
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? true;
  const navigate = useNavigate();
  const location = useLocation();
  const { elder, setElder } = useElderMode();
  const common = useCommonT();
  const t = useAppT();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { session, can } = useSession();
  const logout = useLogout();
  // Menu items, the plan picker and the plans query only for roles that
  // may use them (features/auth/access.ts): never scoring for the admin.
  const roles = session?.user.roles ?? [];
  const showsPlans = canUsePage('plan', roles);

  const routePlanId = useMatch('/plans/:planId/*')?.params.planId;
  const [{ data }] = useQuery({ query: appPlansQuery, pause: !showsPlans });
  const plans = useMemo(() => data?.plans ?? [], [data]);
  const remembered = readStored(storageKeys.lastPlan);
  const planId = routePlanId ?? plans.find((p) => p.id === remembered)?.id ?? plans[0]?.id;

  useEffect(() => {
    if (routePlanId) writeStored(storageKeys.lastPlan, routePlanId);
  }, [routePlanId]);

  const selected = menuKey(location.pathname);
  const items: MenuProps['items'] = [
    { key: 'home', icon: <HomeOutlined />, label: t('menuHome') },
    { key: 'users', icon: <IdcardOutlined />, label: t('menuUsers') },
    { key: 'audit', icon: <AuditOutlined />, label: t('menuAudit') },
    { key: 'plan', icon: <ApartmentOutlined />, label: t('menuPlan'), disabled: !planId },
    { key: 'evaluatees', icon: <TeamOutlined />, label: t('menuEvaluatees'), disabled: !planId },
    ...(can('INSPECTOR') ? [{ key: 'visits', icon: <CameraOutlined />, label: t('menuMyVisits') }] : []),
    ...(can('TASK_FORCE', 'INSPECTOR') ? [{ key: 'visit-plans', icon: <CalendarOutlined />, label: t('menuVisitPlans'), disabled: !planId }] : []),
    ...(can('EVALUATEE_CONTACT', 'TASK_FORCE', 'INSPECTOR', 'LEADER', 'ANALYST') ? [{ key: 'reports', icon: <FormOutlined />, label: can('EVALUATEE_CONTACT') ? t('menuReportsContact') : t('menuReportsRead'), disabled: !planId }] : []),
    { key: 'overdue', icon: <AlertOutlined />, label: t('menuOverdue'), disabled: !planId },
    ...(can('LEAD_SCORER') ? [{ key: 'scoring', icon: <EditOutlined />, label: t('menuScoring'), disabled: !planId }] : []),
    ...(can('TASK_FORCE')
      ? [
          { key: 'verification', icon: <FileDoneOutlined />, label: t('menuVerification'), disabled: !planId },
          { key: 'periods', icon: <ScheduleOutlined />, label: t('menuPeriods'), disabled: !planId },
          { key: 'sources', icon: <SolutionOutlined />, label: t('menuSources'), disabled: !planId },
          { key: 'field-visits', icon: <CarryOutOutlined />, label: t('menuFieldVisits'), disabled: !planId },
        ]
      : []),
    ...(can('TASK_FORCE', 'EVALUATEE_CONTACT') ? [{ key: 'objections', icon: <MessageOutlined />, label: can('TASK_FORCE') ? t('menuObjectionsTaskForce') : t('menuObjectionsContact'), disabled: !planId }] : []),
    ...(can('TASK_FORCE', 'LEADER', 'ANALYST', 'EVALUATEE_CONTACT') ? [{ key: 'ranking', icon: <TrophyOutlined />, label: t('menuRanking'), disabled: !planId }] : []),
    { key: 'views', icon: <BarChartOutlined />, label: t('menuViews') },
    { key: 'graphiql', icon: <ApiOutlined />, label: 'GraphiQL' },
    ...(can('TASK_FORCE', 'LEADER', 'EVALUATEE_CONTACT') ? [{ key: 'whatif', icon: <ExperimentOutlined />, label: t('menuWhatIf'), disabled: !planId }] : []),
    { key: 'units', icon: <BankOutlined />, label: t('menuUnits') },
    ...(can('TASK_FORCE') ? [{ key: 'import', icon: <ImportOutlined />, label: t('menuImport') }] : []),
  ].filter((item) => canUsePage(item.key, roles));
  const go = (key: string) => {
    setDrawerOpen(false);
    if (key === 'home') navigate('/');
    else if (key === 'plan' && planId) navigate(`/plans/${planId}`);
    else if (key === 'evaluatees' && planId) navigate(`/plans/${planId}/evaluatees`);
    else if (scoringPages.includes(key) && planId) navigate(`/plans/${planId}/${key}`);
    else if (key === 'units') navigate('/units');
    else if (key === 'import') navigate('/import');
    else if (key === 'users') navigate('/users');
    else if (key === 'audit') navigate('/audit');
    else if (key === 'visits') navigate('/visits');
    else if (key === 'views') navigate('/views');
    else if (key === 'graphiql') navigate('/graphiql');
    else if (key === 'password') navigate('/account#password');
    else if (key === 'account') navigate('/account');
  };
  const menu = (
    <Menu mode="inline" selectedKeys={[selected]} items={items} onClick={(e) => go(e.key)} style={{ borderInlineEnd: 'none' }} />
  );

  const planSelect = showsPlans && plans.length > 0 && (
    <Select
      aria-label={t('currentPlan')}
      value={planId}
      onChange={switchPlan}
      style={{ width: wide ? (screens.xl ? 400 : 300) : '100%' }}
      options={plans.map((p) => ({ value: p.id, label: planLabel(p) }))}
      popupMatchSelectWidth={false}
      prefix={wide ? t('currentPlan') : undefined}
      labelRender={(o) => <span data-i18n="data">{o.label}</span>}
      optionRender={(o) => <span data-i18n="data">{o.label}</span>}
    />
  );

  function switchPlan(id: string) {
    writeStored(storageKeys.lastPlan, id);
    setDrawerOpen(false);
    navigate(selected === 'evaluatees' || scoringPages.includes(selected) ? `/plans/${id}/${selected}` : `/plans/${id}`);
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 20,
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          paddingInline: wide ? 24 : 12,
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
          lineHeight: 'normal',
        }}
      >
        {!wide && <Button type="text" icon={<MenuOutlined />} aria-label={t('openMenu')} onClick={() => setDrawerOpen(true)} />}
        <Typography.Link
          onClick={() => navigate('/')}
          style={{ color: token.colorText, fontSize: token.fontSizeLG, fontWeight: 600, whiteSpace: 'nowrap', flex: 'none' }}
        >
          <span style={{ color: token.colorPrimary }}>{common('appName')}</span>
          {screens.md && <span> · {common('appTitle')}</span>}
        </Typography.Link>
        <Flex flex={1} justify="flex-end" align="center" gap={wide ? 16 : 8} style={{ minWidth: 0 }}>
          {wide && planSelect}
          <LanguageSwitch wide={wide} />
          <Flex align="center" gap={6} style={{ whiteSpace: 'nowrap' }}>
            <Switch checked={elder} onChange={setElder} aria-label={t('elderMode')} size={elder ? 'default' : 'small'} />
            <Typography.Text onClick={() => setElder(!elder)} style={{ cursor: 'pointer' }}>
              {t('elderMode')}
            </Typography.Text>
          </Flex>
          {session && canUsePage('home', roles) && <NotificationBell compact={!wide} />}
          {session && (
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'account', icon: <UserOutlined />, label: t('accountSettings') },
                  { key: 'password', icon: <KeyOutlined />, label: t('changePassword') },
                  { type: 'divider' },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('logout'), danger: true },
                ],
                onClick: (e) => (e.key === 'logout' ? void logout() : go(e.key)),
              }}
            >
              <Button type="text" aria-label={t('account')} icon={<UserOutlined />} style={{ paddingInline: wide ? 8 : 4 }}>
                {wide && (
                  <>
                    <span data-i18n="data">{session.user.displayName}</span> <DownOutlined style={{ fontSize: 10 }} />
                  </>
                )}
              </Button>
            </Dropdown>
          )}
        </Flex>
      </Layout.Header>
      <Layout>
        {wide && (
          <Layout.Sider
            width={elder ? 220 : 200}
            theme="light"
            style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}
          >
            <div style={{ position: 'sticky', top: 64, paddingTop: 8 }}>{menu}</div>
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: wide ? 24 : 12, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
      {!wide && (
        <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} size={300} title={`${common('appName')} · ${common('appTitle')}`} styles={{ body: { padding: 0 } }}>
          {planSelect && (
            <div style={{ padding: '12px 16px 4px' }}>
              <Typography.Text type="secondary">{t('currentPlan')}</Typography.Text>
              <div style={{ marginTop: 6 }}>{planSelect}</div>
            </div>
          )}
          {menu}
        </Drawer>
      )}
    </Layout>
  );
}
