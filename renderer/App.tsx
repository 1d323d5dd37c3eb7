import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import 'antd/dist/antd.css'
import { AppShell } from './layout/AppShell'

// Windows desks have Microsoft YaHei; the rest keep Chinese from falling back to a serif face.
const chineseFonts =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif"

export function App() {
  return (
    <ConfigProvider
      locale={zhCN}
      theme={{
        // No motion: drawers, drop-downs, tables and tabs appear at once, as a desk at work wants
        // (a drawer's slide alone was a fifth of a second), and the click ripple is off with it.
        zeroRuntime: true,
        token: { fontFamily: chineseFonts, motion: false },
        components: { Form: { itemMarginBottom: 12, verticalLabelPadding: '0 0 2px' } },
      }}
      wave={{ disabled: true }}
    >
      <AntApp style={{ height: '100%' }}>
        <AppShell />
      </AntApp>
    </ConfigProvider>
  )
}
