import { Typography } from 'antd'

// Being built in this change; replaced by the full screen.
export default function DirectoryPage(_props: { params?: URLSearchParams }) {
  return <Typography.Title level={3}>…</Typography.Title>
}
