import { PhoneOutlined } from '@ant-design/icons'
import { Alert, Button, Descriptions, Modal, Space, Typography } from 'antd'
import { useState } from 'react'
import type { CallbackItem, IssueDetail } from '../../../electron/contract/types'
import { api } from '../../api'
import { clearDraft, draftsUnder } from '../../lib/drafts'
import { errorMessage } from '../../lib/errors'
import { useCloseGuard } from '../../lib/useCloseGuard'
import { ActionDraftKey, actionDraftKey } from '../issues/actions/ActionForm'
import { CallbackForm } from '../issues/actions/CallbackForm'
import { visitorLabel } from './visitorLabel'

interface Props {
  issue: CallbackItem | null
  onSaved: (d: IssueDetail) => void
  onCancel: () => void
}

/**
 * The call and its outcome in one step, with what the visitor raised and what was done in view.
 * Whoever makes the call gets the number for it here (显示号码拨打): the ledger writes who, when
 * and the issue to the audit log with the reason 回访, and the number is shown in this dialog
 * only — it is forgotten when the dialog closes.
 */
export function CallbackModal({ issue, onSaved, onCancel }: Props) {
  const guard = useCloseGuard()
  const [number, setNumber] = useState<{ issueId: number; value: string } | null>(null)
  const [revealError, setRevealError] = useState<string | null>(null)
  const [revealing, setRevealing] = useState(false)
  const shown = number && issue && number.issueId === issue.id ? number.value : null
  // 刷新 after a callback refused as stale: the issue read again, so the next save names its version.
  const [fresh, setFresh] = useState<IssueDetail | null>(null)
  const refresh = () => {
    if (!issue) return
    api.issueGet({ id: issue.id }).then(setFresh, (e: unknown) => setRevealError(errorMessage(e)))
  }

  const close = () => {
    setNumber(null)
    setRevealError(null)
    onCancel()
  }
  const cancel = () => {
    const key = issue ? actionDraftKey(issue.id, 'callback') : null
    const dirty = key !== null && draftsUnder(key).length > 0
    guard(dirty, close, () => key && clearDraft(key))
  }
  const reveal = async () => {
    if (!issue) return
    setRevealing(true)
    setRevealError(null)
    try {
      const r = await api.callbackRevealPhone({ issueId: issue.id })
      setNumber({ issueId: issue.id, value: r.value })
    } catch (e) {
      setRevealError(errorMessage(e))
    } finally {
      setRevealing(false)
    }
  }

  return (
    <Modal
      open={issue !== null}
      title={issue ? `回访 ${issue.number}` : '回访'}
      footer={null}
      onCancel={cancel}
      width={640}
      destroyOnHidden
    >
      {issue && (
        <>
          <Descriptions
            size="small"
            column={2}
            style={{ marginBottom: 12 }}
            items={[
              { key: 'v', label: '来访人', children: visitorLabel(issue) },
              {
                key: 'p',
                label: '联系电话',
                children: shown ? (
                  <Typography.Text strong copyable aria-label="回访电话" style={{ fontSize: 18, letterSpacing: 1 }}>
                    {shown}
                  </Typography.Text>
                ) : (
                  <Space size={8}>
                    {issue.visitorPhone ?? '—'}
                    {issue.visitorPhone && (
                      <Button size="small" type="primary" ghost icon={<PhoneOutlined />} loading={revealing} onClick={() => void reveal()}>
                        显示号码拨打
                      </Button>
                    )}
                  </Space>
                ),
              },
              { key: 'c', label: '反映问题', children: issue.content, span: 2 },
              { key: 'r', label: '办理结果', children: issue.result ?? '—', span: 2 },
            ]}
          />
          {shown && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title="号码仅用于本次回访，已记入审计日志（回访人、时间、问题编号）；关闭对话框后不再显示。"
            />
          )}
          {revealError && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={revealError} />}
          <ActionDraftKey.Provider value={actionDraftKey(issue.id, 'callback')}>
            <CallbackForm
              issue={fresh && fresh.id === issue.id ? fresh : issue}
              onRefused={refresh}
              onSaved={(d) => {
                setNumber(null)
                onSaved(d)
              }}
              // The form asks about its own typed text before it calls this.
              onCancel={close}
            />
          </ActionDraftKey.Provider>
        </>
      )}
    </Modal>
  )
}
