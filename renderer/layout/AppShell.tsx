import { CalendarOutlined } from '@ant-design/icons'
import { Layout, Menu, Typography } from 'antd'
import { useAppInfo } from '../hooks/useAppInfo'
import { TodayPage } from '../pages/TodayPage'
import { LedgerFooter } from './LedgerFooter'

// Only screens that exist are listed; each later screen adds its own menu item.
const menuItems = [{ key: 'today', icon: <CalendarOutlined />, label: '今日接待' }]

export function AppShell() {
  const appInfo = useAppInfo()
  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Sider theme="light" width={200}>
        <Typography.Title level={4} style={{ margin: 16 }}>
          接待日台账
        </Typography.Title>
        <Menu mode="inline" selectedKeys={['today']} items={menuItems} />
      </Layout.Sider>
      <Layout>
        <Layout.Content style={{ padding: 24, overflow: 'auto' }}>
          <TodayPage appInfo={appInfo} />
        </Layout.Content>
        <Layout.Footer style={{ padding: '8px 24px' }}>
          <LedgerFooter appInfo={appInfo} />
        </Layout.Footer>
      </Layout>
    </Layout>
  )
}
