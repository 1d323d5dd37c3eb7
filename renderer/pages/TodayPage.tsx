import { Descriptions, Typography } from 'antd'
import dayjs from 'dayjs'
import type { AppInfoState } from '../hooks/useAppInfo'

export function TodayPage({ appInfo }: { appInfo: AppInfoState }) {
  const operator = appInfo.status === 'ready' ? appInfo.info.operator : null
  return (
    <>
      <Typography.Title level={3}>今日接待</Typography.Title>
      <Descriptions
        column={1}
        items={[
          { key: 'date', label: '日期', children: dayjs().format('YYYY年M月D日 dddd') },
          { key: 'operator', label: '值班人员', children: operator ? operator.name : '尚未选择' },
        ]}
      />
    </>
  )
}
