import { Alert, Button } from 'antd'
import { navigate } from '../lib/route'
import { useReference } from '../lib/reference'
import { SUPERVISOR_IDLE_MINUTES } from '../../shared/sign-in'

/**
 * A new ledger has nobody to sign in as. Says what to do first, and how signing in works, before
 * anyone is tempted to work unsigned (the ledger refuses every write from nobody).
 */
export function FirstRunNotice() {
  const { staff, loaded } = useReference()
  if (!loaded || staff.length > 0) return null
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title="首次使用：请先添加人员"
      description={
        <>
          台账中还没有人员，谁也无法登录，所以暂时不能登记。请先在“设置 →
          人员”中添加值班人员和负责人，然后在右上角“值班人员”中选择本人登录，
          此后每一笔登记和修改都记在登录者名下。负责人的权限（查看完整个人信息、审计日志、办结时限、节假日、设置、合并、恢复备份等）只给输入本人
          PIN 登录的负责人：第一位负责人首次登录时须设置本人的 PIN；其他负责人由已登录的负责人设置初始 PIN，本人首次登录时改为自己的 PIN。
          负责人离开一段时间（默认 {SUPERVISOR_IDLE_MINUTES.default} 分钟）未操作会自动退出登录。
        </>
      }
      action={
        <Button type="primary" onClick={() => navigate('settings', { tab: 'staff' })}>
          去添加人员
        </Button>
      }
    />
  )
}
