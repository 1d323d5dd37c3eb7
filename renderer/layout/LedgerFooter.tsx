import { Alert, Space, Typography } from 'antd'
import type { AppInfoState } from '../hooks/useAppInfo'

export function LedgerFooter({ appInfo }: { appInfo: AppInfoState }) {
  if (appInfo.status === 'loading') return <Typography.Text type="secondary">正在读取台账信息…</Typography.Text>
  if (appInfo.status === 'failed') return <Alert type="error" showIcon title={`无法读取台账信息：${appInfo.message}`} />
  const { info } = appInfo
  return (
    <Space size="large" wrap>
      <Typography.Text type="secondary">接待日台账 {info.version}</Typography.Text>
      <Typography.Text type="secondary" copyable={{ text: info.ledgerFile }}>
        {info.engine === 'pg' ? '台账服务器' : '台账文件'}：{info.ledgerFile}
      </Typography.Text>
      <Typography.Text type="secondary">数据版本：{info.schemaVersion || '未初始化'}</Typography.Text>
    </Space>
  )
}
