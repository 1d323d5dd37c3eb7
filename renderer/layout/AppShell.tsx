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
import { lazy, Suspense, type ReactNode } from 'react'
import { useAppInfo } from '../hooks/useAppInfo'
import { setDraftScope } from '../lib/drafts'
import { OperatorProvider } from '../lib/operator'
import { ReferenceProvider } from '../lib/reference'
import { navigate, useRoute, type PageKey } from '../lib/route'
import { TodayPage } from '../pages/today/TodayPage'
import { FirstRunNotice } from './FirstRunNotice'
import { GlobalSearch } from './GlobalSearch'
import { LedgerFooter } from './LedgerFooter'
import { OperatorPicker } from './OperatorPicker'
import { PageLoading } from './PageLoading'

// The desk screen loads with the app; the rest load when first opened.
const SessionsPage = lazy(() => import('../pages/sessions/SessionsPage'))
const IssuesPage = lazy(() => import('../pages/issues/IssuesPage'))
const CallbacksPage = lazy(() => import('../pages/callbacks/CallbacksPage'))
const DirectoryPage = lazy(() => import('../pages/directory/DirectoryPage'))
const SettingsPage = lazy(() => import('../pages/settings/SettingsPage'))
const ContactsPage = lazy(() => import('../pages/contacts/ContactsPage'))
const SummaryPage = lazy(() => import('../pages/summary/SummaryPage'))
const PrintPage = lazy(() => import('../pages/print/PrintPage'))

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
      return <SessionsPage params={params} />
    case 'issues':
      return <IssuesPage params={params} />
    case 'callbacks':
      return <CallbacksPage />
    case 'directory':
      return <DirectoryPage params={params} />
    case 'settings':
      return <SettingsPage params={params} />
    case 'contacts':
      return <ContactsPage params={params} />
    case 'summary':
      return <SummaryPage params={params} />
    default:
      return <TodayPage />
  }
}

export function AppShell() {
  const appInfo = useAppInfo()
  const route = useRoute()
  if (appInfo.status === 'loading') return <PageLoading />
  // Before any form mounts: drafts are read for the ledger that is open.
  if (appInfo.status === 'ready') setDraftScope(appInfo.info.ledgerFile)
  // Print views take the whole window: what is on screen is what goes on paper.
  if (route.page === 'print') {
    return (
      <Suspense fallback={<PageLoading />}>
        <PrintPage params={route.params} />
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
            <Menu
              mode="inline"
              selectedKeys={[route.page]}
              items={menuItems}
              onClick={({ key }) => navigate(menuItems.find((m) => m.key === key)?.key ?? 'today')}
            />
          </Layout.Sider>
          <Layout>
            <Layout.Header
              style={{
                background: '#fff',
                padding: '0 24px',
                height: 48,
                lineHeight: '48px',
                borderBottom: '1px solid #f0f0f0',
                display: 'flex',
                justifyContent: 'space-between',
                alignItems: 'center',
                gap: 16,
              }}
            >
              <div style={{ lineHeight: 'normal' }}>
                <GlobalSearch />
              </div>
              <OperatorPicker />
            </Layout.Header>
            <Layout.Content style={{ padding: '16px 24px', overflow: 'auto' }}>
              <FirstRunNotice />
              <Suspense fallback={<PageLoading />}>
                <CurrentPage page={route.page} params={route.params} />
              </Suspense>
            </Layout.Content>
            <Layout.Footer style={{ padding: '6px 24px' }}>
              <LedgerFooter appInfo={appInfo} />
            </Layout.Footer>
          </Layout>
        </Layout>
      </ReferenceProvider>
    </OperatorProvider>
  )
}
