import { EditOutlined, PrinterOutlined } from '@ant-design/icons'
import { Alert, Button, Divider, Drawer, Skeleton, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { IssueAction, IssueDetail } from '../../../electron/contract/types'
import { ISSUE_STATUS, ISSUE_STATUS_COLOR, SATISFACTION } from '../../lib/labels'
import { navigate } from '../../lib/route'
import { useQuery } from '../../lib/useQuery'
import { ActionPanel, actionLabel } from './actions/ActionPanel'
import { issueDraftPrefix } from './actions/ActionForm'
import { clearDraft, draftsUnder } from '../../lib/drafts'
import { useCloseGuard } from '../../lib/useCloseGuard'
import { DueTag } from './DueTag'
import { IssueFacts } from './IssueFacts'
import { CaseFileCorrect } from './case-file/CaseFileCorrect'
import { CaseFileFacts } from './case-file/CaseFileFacts'
import { IssueTimeline } from './IssueTimeline'
import { AttachmentAdd } from './attachments/AttachmentAdd'
import { ProcedureSection } from './procedure/ProcedureSection'
import { CorrectIssueModal } from './CorrectIssueModal'
import { issueDetail } from './first-calls'

interface Props {
  /** The issue to show; null closes the drawer. */
  id: number | null
  onClose: () => void
  /** After any saved action, so the ledger behind shows the new state. */
  onChanged: () => void
}

function savedMessage(action: IssueAction, before: IssueDetail, after: IssueDetail): string {
  if (action === 'callback' && after.lastSatisfaction) {
    return after.status === 'reopened'
      ? `${after.number} 回访不满意，已转为重新办理`
      : `${after.number} 回访${SATISFACTION[after.lastSatisfaction]}，可以销号`
  }
  if (action === 'extend') return `${after.number} 已延期至 ${after.dueDate}`
  if (action === 'transfer') return `${after.number} 已转办至 ${after.transferTo ?? ''}`
  if (action === 'return' && after.status === 'accepted') return `${after.number} 已退回，待重新交办`
  return `${after.number} 已${actionLabel(action, before)}`
}

/** One issue: its facts, the actions its state allows, and its whole timeline. */
export function IssueDrawer({ id, onClose, onChanged }: Props) {
  // Keep showing the last issue while the drawer slides shut; read it afresh at every opening.
  const [shownId, setShownId] = useState(id)
  const [openings, setOpenings] = useState(0)
  const [wasOpen, setWasOpen] = useState(id !== null)
  if (id !== null && id !== shownId) setShownId(id)
  if ((id !== null) !== wasOpen) {
    setWasOpen(id !== null)
    if (id !== null) setOpenings((n) => n + 1)
  }
  const q = useQuery(
    () => (shownId === null ? Promise.resolve(null) : issueDetail.load(shownId)),
    [shownId, openings],
    () => (shownId === null ? undefined : issueDetail.take(shownId)),
  )
  const detail = q.data && q.data.id === shownId ? q.data : null
  const guard = useCloseGuard()
  const [correcting, setCorrecting] = useState(false)
  // Esc, × or a click outside: an action form with typed text asks first.
  const close = () => {
    const drafts = shownId === null ? [] : draftsUnder(issueDraftPrefix(shownId))
    guard(drafts.length > 0, onClose, () => drafts.forEach(clearDraft))
  }

  return (
    <Drawer
      open={id !== null}
      onClose={close}
      size={720}
      extra={
        detail ? (
          <Space size={8}>
            {detail.voidedAt === null && (
              <Button icon={<EditOutlined />} onClick={() => setCorrecting(true)}>
                更正
              </Button>
            )}
            {detail.departmentId && (
              <Button icon={<PrinterOutlined />} onClick={() => navigate('print', { kind: 'handover', issues: detail.id })}>
                打印交办单
              </Button>
            )}
          </Space>
        ) : null
      }
      title={
        detail ? (
          <Space size={8}>
            <span>{detail.number}</span>
            <Tag color={ISSUE_STATUS_COLOR[detail.status]}>{ISSUE_STATUS[detail.status]}</Tag>
            <DueTag state={detail.dueState} provisional={detail.dueProvisional} overdueBy={detail.overdueBy} />
          </Space>
        ) : (
          '问题详情'
        )
      }
    >
      {q.error && <Alert type="error" showIcon title={q.error} style={{ marginBottom: 12 }} />}
      {!detail && !q.error && <Skeleton active />}
      {detail && <DrawerBody key={`${detail.id}-${openings}`} detail={detail} reload={q.reload} onChanged={onChanged} />}
      {detail && correcting && (
        <CorrectIssueModal
          issue={detail}
          onClose={() => setCorrecting(false)}
          onRefresh={q.reload}
          onSaved={() => {
            setCorrecting(false)
            q.reload()
            onChanged()
          }}
        />
      )}
    </Drawer>
  )
}

function DrawerBody({ detail, reload, onChanged }: { detail: IssueDetail; reload: () => void; onChanged: () => void }) {
  const [active, setActive] = useState<IssueAction | null>(null)
  // Said here rather than in a toast: a toast would sit over the next action's button.
  const [notice, setNotice] = useState<string | null>(null)
  const choose = (a: IssueAction | null) => {
    setNotice(null)
    setActive(a)
  }
  const saved = (action: IssueAction, after: IssueDetail) => {
    setNotice(savedMessage(action, detail, after))
    setActive(null)
    reload()
    onChanged()
  }
  // The ledger may have moved on (someone else saved first): show its current state around the form.
  const refused = () => {
    reload()
    onChanged()
  }
  return (
    <>
      {notice && (
        <Alert type="success" showIcon title={notice} closable={{ onClose: () => setNotice(null) }} style={{ marginBottom: 12 }} />
      )}
      <ActionPanel detail={detail} active={active} onChoose={choose} onSaved={saved} onRefused={refused} />
      <ProcedureSection
        detail={detail}
        onSaved={(_after, text) => {
          setNotice(text)
          setActive(null)
          reload()
          onChanged()
        }}
        onRefused={refused}
      />
      <IssueFacts d={detail} />
      <CaseFileFacts d={detail} />
      <CaseFileCorrect
        detail={detail}
        onRefresh={reload}
        onSaved={() => {
          reload()
          onChanged()
        }}
      />
      <Divider titlePlacement="start" style={{ margin: '20px 0 12px' }}>
        <Typography.Text strong>办理经过</Typography.Text>
      </Divider>
      <AttachmentAdd
        detail={detail}
        onAdded={(name) => {
          setNotice(`已添加附件：${name}`)
          reload()
          onChanged()
        }}
      />
      <IssueTimeline entries={detail.timeline} />
    </>
  )
}
