import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import { AppShell } from './layout/AppShell'

// Windows desks have Microsoft YaHei; the rest keep Chinese from falling back to a serif face.
const chineseFonts =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif"

export function App() {
  return (
    <ConfigProvider
      locale={zhCN}
      theme={{ token: { fontFamily: chineseFonts }, components: { Form: { itemMarginBottom: 12, verticalLabelPadding: '0 0 2px' } } }}
    >
      <AntApp style={{ height: '100%' }}>
        <AppShell />
      </AntApp>
    </ConfigProvider>
  )
}
