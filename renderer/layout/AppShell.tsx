import {
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  FileSearchOutlined,
  MailOutlined,
  PhoneOutlined,
  SettingOutlined,
  TeamOutlined,
  UserAddOutlined,
} from '@ant-design/icons'
import { Layout, Menu, Typography } from 'antd'
import { memo, Suspense, useEffect, type CSSProperties, type ReactNode } from 'react'
import { useAppInfo } from '../hooks/useAppInfo'
import { setDraftScope } from '../lib/drafts'
import { OperatorProvider } from '../lib/operator'
import { ReferenceProvider } from '../lib/reference'
import { currentRoute, navigate, useRoute, type PageKey } from '../lib/route'
import { TodayPage } from '../pages/today/TodayPage'
import { FirstRunNotice } from './FirstRunNotice'
import { startScreen } from './first-calls'
import { GlobalSearch } from './GlobalSearch'
import { LedgerFooter } from './LedgerFooter'
import { OperatorPicker } from './OperatorPicker'
import { PageLoading } from './PageLoading'
import * as screens from './screens'

const menuItems: { key: PageKey; icon: ReactNode; label: string }[] = [
  { key: 'today', icon: <UserAddOutlined />, label: '今日接待' },
  { key: 'contacts', icon: <MailOutlined />, label: '来电来信' },
  { key: 'sessions', icon: <CalendarOutlined />, label: '接待日' },
  { key: 'issues', icon: <FileSearchOutlined />, label: '问题台账' },
  { key: 'callbacks', icon: <PhoneOutlined />, label: '回访' },
  { key: 'directory', icon: <TeamOutlined />, label: '企业与来访人' },
  { key: 'summary', icon: <BarChartOutlined />, label: '统计' },
  { key: 'settings', icon: <SettingOutlined />, label: '设置' },
]

function CurrentPage({ page, params }: { page: PageKey; params: URLSearchParams }) {
  switch (page) {
    case 'sessions':
      return <screens.sessions.Page params={params} />
    case 'issues':
      return <screens.issues.Page params={params} />
    case 'callbacks':
      return <screens.callbacks.Page />
    case 'directory':
      return <screens.directory.Page params={params} />
    case 'settings':
      return <screens.settings.Page params={params} />
    case 'contacts':
      return <screens.contacts.Page params={params} />
    case 'summary':
      return <screens.summary.Page params={params} />
    default:
      return <TodayPage />
  }
}

// The menu, header and footer are drawn again only when what they show changes: a route change
// redraws the menu's selection and the screen, not the search box or the person on duty.

const SideMenu = memo(function SideMenu({ page }: { page: PageKey }) {
  return (
    <Menu
      mode="inline"
      selectedKeys={[page]}
      items={menuItems}
      onClick={({ key }) => {
        const to = menuItems.find((m) => m.key === key)?.key ?? 'today'
        // In the click's own task, before the address changes (the route change finds them on their
        // way). The screen is drawn at once, while they are answered: its frame costs as much as
        // the wait, and a screen whose answer is already in draws its rows in that first render.
        startScreen(currentRoute(), { page: to, params: new URLSearchParams() })
        navigate(to)
      }}
    />
  )
})

const headerStyle: CSSProperties = {
  background: '#fff',
  padding: '0 24px',
  height: 48,
  lineHeight: '48px',
  borderBottom: '1px solid #f0f0f0',
  display: 'flex',
  justifyContent: 'space-between',
  alignItems: 'center',
  gap: 16,
}

const ShellHeader = memo(function ShellHeader() {
  return (
    <Layout.Header style={headerStyle}>
      <div style={{ lineHeight: 'normal' }}>
        <GlobalSearch />
      </div>
      <OperatorPicker />
    </Layout.Header>
  )
})

const Footer = memo(LedgerFooter)

export function AppShell() {
  const appInfo = useAppInfo()
  const route = useRoute(startScreen)
  const ready = appInfo.status !== 'loading'
  // The desk loads with the app; the other screens' code comes once it is up, in idle moments.
  useEffect(() => (ready ? screens.preloadScreens() : undefined), [ready])
  if (appInfo.status === 'loading') return <PageLoading />
  // Before any form mounts: drafts are read for the ledger that is open.
  if (appInfo.status === 'ready') setDraftScope(appInfo.info.ledgerFile)
  // Print views take the whole window: what is on screen is what goes on paper.
  if (route.page === 'print') {
    return (
      <Suspense fallback={<PageLoading />}>
        <screens.print.Page params={route.params} />
      </Suspense>
    )
  }
  return (
    <OperatorProvider initial={appInfo.status === 'ready' ? appInfo.info.operator : null}>
      <ReferenceProvider>
        <Layout style={{ height: '100%' }}>
          <Layout.Sider theme="light" width={176} style={{ borderRight: '1px solid #f0f0f0' }}>
            <Typography.Title level={4} style={{ margin: '16px 16px 12px' }}>
              <AuditOutlined /> 接待日台账
            </Typography.Title>
            <SideMenu page={route.page} />
          </Layout.Sider>
          <Layout>
            <ShellHeader />
            <Layout.Content style={{ padding: '16px 24px', overflow: 'auto' }}>
              <FirstRunNotice />
              <Suspense fallback={<PageLoading />}>
                <CurrentPage page={route.page} params={route.params} />
              </Suspense>
            </Layout.Content>
            <Layout.Footer style={{ padding: '6px 24px' }}>
              <Footer appInfo={appInfo} />
            </Layout.Footer>
          </Layout>
        </Layout>
      </ReferenceProvider>
    </OperatorProvider>
  )
}
