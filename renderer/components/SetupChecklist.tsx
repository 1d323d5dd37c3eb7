import { CheckCircleFilled } from '@ant-design/icons'
import { Alert, App, Button, Card, Steps, Typography } from 'antd'
import { useState } from 'react'
import type { SetupStatus } from '../../electron/contract/types'
import { api } from '../api'
import { errorMessage } from '../lib/errors'
import { navigate } from '../lib/route'
import { useQuery } from '../lib/useQuery'
import { prefetchable } from '../lib/prefetch'

/** Started with the window when it opens on the desk (pages/today/first-calls.ts). */
export const setupStatus = prefetchable((_: null) => api.settingsSetupStatus({}))

const HIDDEN = '接待日台账·开始使用已收起'

type Step = { key: keyof Omit<SetupStatus, 'done'>; title: string; hint: string; action: { label: string; go: () => void } }

const STEPS: Step[] = [
  {
    key: 'bureauNamed',
    title: '单位名称',
    hint: '打印在交办单、受理回执和月报抬头',
    action: { label: '去设置', go: () => navigate('settings', { tab: 'ledger' }) },
  },
  {
    key: 'staffAdded',
    title: '值班人员',
    hint: '前台工作人员和负责人，每人选择本人登记',
    action: { label: '添加人员', go: () => navigate('settings', { tab: 'staff' }) },
  },
  {
    key: 'supervisorPin',
    title: '负责人 PIN',
    hint: '负责人设置 PIN 后，查看完整号码、作废等操作须负责人本人登录',
    action: { label: '设置 PIN', go: () => navigate('settings', { tab: 'staff' }) },
  },
  {
    key: 'recoveryPassphrase',
    title: '恢复口令',
    hint: '负责人设置并打印恢复口令单，换电脑时凭它打开台账和备份',
    action: { label: '设置口令', go: () => navigate('settings', { tab: 'recovery' }) },
  },
  {
    key: 'referenceReviewed',
    title: '问题类别与股室',
    hint: '核对默认的类别（办结时限）和股室，改成本单位的',
    action: { label: '去核对', go: () => navigate('settings', { tab: 'categories' }) },
  },
  {
    key: 'firstDayWithStaff',
    title: '首个接待日',
    hint: '在今日接待或接待日中开始，写明当日值班人员',
    action: { label: '接待日', go: () => navigate('sessions') },
  },
]

/**
 * 开始使用: the first-run checklist — 单位名称 → staff (with the supervisor's PIN) → the recovery passphrase → categories and
 * sections reviewed → the first reception day with its 值班人员. Each step is read from the ledger.
 * Shown on the desk until done, and always in 设置 → 开始使用.
 */
export function SetupChecklist({ always = false }: { always?: boolean }) {
  const { message } = App.useApp()
  const status = useQuery(() => setupStatus.load(null), [])
  const [hidden, setHidden] = useState(() => window.localStorage.getItem(HIDDEN) === '1')
  const s = status.data
  // On the desk only while the office is new (no staff, or no reception day with its staff yet).
  const firstRun = s !== undefined && (!s.staffAdded || !s.firstDayWithStaff)
  if (!s || (!always && (hidden || s.done || !firstRun))) return null
  const current = STEPS.findIndex((x) => !s[x.key])
  const reviewed = async () => {
    try {
      await api.settingsSetupReviewed({})
      status.reload()
    } catch (e) {
      message.error(errorMessage(e))
    }
  }
  return (
    <Card
      size="small"
      title="开始使用：还有几步设置"
      style={{ marginBottom: 12 }}
      extra={
        !always && (
          <Button
            size="small"
            type="text"
            onClick={() => {
              window.localStorage.setItem(HIDDEN, '1')
              setHidden(true)
            }}
          >
            收起（可在 设置 → 开始使用 查看）
          </Button>
        )
      }
    >
      {s.done && <Alert type="success" showIcon title="各项都已设置好。" style={{ marginBottom: 12 }} />}
      <Steps
        size="small"
        current={current < 0 ? STEPS.length : current}
        items={STEPS.map((x) => ({
          title: x.title,
          status: s[x.key] ? 'finish' : x === STEPS[current] ? 'process' : 'wait',
          icon: s[x.key] ? <CheckCircleFilled /> : undefined,
          description: (
            <>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {x.hint}
              </Typography.Text>
              {!s[x.key] && (
                <div>
                  <Button size="small" type="link" style={{ padding: 0 }} onClick={x.action.go}>
                    {x.action.label}
                  </Button>
                  {x.key === 'referenceReviewed' && (
                    <Button size="small" type="link" onClick={() => void reviewed()}>
                      已核对
                    </Button>
                  )}
                </div>
              )}
            </>
          ),
        }))}
      />
    </Card>
  )
}
