import { Typography } from 'antd'

// Being built in this change; replaced by the full screen.
export default function SettingsPage(_props: { params?: URLSearchParams }) {
  return <Typography.Title level={3}>…</Typography.Title>
}
