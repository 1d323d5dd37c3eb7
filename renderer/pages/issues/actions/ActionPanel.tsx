import { issueAction } from '../../../../shared/codes/issues'
import { needsSupervisor } from '../../../../shared/lifecycle'
import { useOperator } from '../../../lib/operator'
import { ReturnForm, SignForm } from '../case-file/SectionForms'
import { Button, Card, Space } from 'antd'
import type { IssueAction, IssueDetail } from '../../../../electron/contract/types'
import { AssignForm } from './AssignForm'
import { CallbackForm } from './CallbackForm'
import { ExtendForm } from './ExtendForm'
import { CloseForm, ProgressForm, RejectForm, ResolveForm, SuperviseForm, TransferForm } from './NoteForms'
import { ActionDraftKey, actionDraftKey, type ActionFormProps } from './ActionForm'

export const ACTION_LABEL = issueAction.labels

/** The step the desk most likely takes next in each state, shown as the primary button. */
const NEXT: Partial<Record<IssueDetail['status'], IssueAction>> = {
  accepted: 'assign',
  assigned: 'progress',
  in_progress: 'resolve',
  reopened: 'resolve',
  resolved: 'callback',
}

export function actionLabel(action: IssueAction, detail: IssueDetail): string {
  return action === 'assign' && detail.status !== 'accepted' ? '重新交办' : ACTION_LABEL[action]
}

function ActionBody({ action, ...props }: ActionFormProps & { action: IssueAction }) {
  switch (action) {
    case 'assign':
      return <AssignForm {...props} />
    case 'progress':
      return <ProgressForm {...props} />
    case 'supervise':
      return <SuperviseForm {...props} />
    case 'extend':
      return <ExtendForm {...props} />
    case 'resolve':
      return <ResolveForm {...props} />
    case 'callback':
      return <CallbackForm issue={props.detail} onSaved={props.onSaved} onRefused={props.onRefused} onCancel={props.onCancel} />
    case 'close':
      return <CloseForm {...props} />
    case 'transfer':
      return <TransferForm {...props} />
    case 'reject':
      return <RejectForm {...props} />
    case 'sign':
      return <SignForm {...props} />
    case 'return':
      return <ReturnForm {...props} />
  }
}

interface Props {
  detail: IssueDetail
  active: IssueAction | null
  onChoose: (a: IssueAction | null) => void
  onSaved: (action: IssueAction, d: IssueDetail) => void
  onRefused: () => void
}

/** The actions the ledger allows in the issue's state, each opening its small form. */
export function ActionPanel({ detail, active, onChoose, onSaved, onRefused }: Props) {
  const { operator } = useOperator()
  // 转办 and 不予受理 of an issue a section holds are a supervisor's; the ledger refuses them to anyone else.
  const offered = detail.allowedActions.filter((a) => operator?.role === 'supervisor' || !needsSupervisor(a, detail.status))
  const next = offered.includes('close') ? 'close' : offered.includes('sign') && detail.status === 'assigned' ? 'sign' : NEXT[detail.status]
  return (
    <>
      {offered.length > 0 && (
        <Space wrap size={8} style={{ marginBottom: 12 }}>
          {offered.map((a) => (
            <Button
              key={a}
              type={a === (active ?? next) ? 'primary' : 'default'}
              danger={a === 'reject' || a === 'return'}
              onClick={() => onChoose(a === active ? null : a)}
            >
              {actionLabel(a, detail)}
            </Button>
          ))}
        </Space>
      )}
      {active && (
        <Card
          size="small"
          title={actionLabel(active, detail)}
          style={{ marginBottom: 16, borderColor: '#91caff' }}
          styles={{ header: { background: '#f0f7ff' } }}
        >
          <ActionDraftKey.Provider value={actionDraftKey(detail.id, active)}>
            <ActionBody
              key={active}
              action={active}
              detail={detail}
              onSaved={(d) => onSaved(active, d)}
              onRefused={onRefused}
              onCancel={() => onChoose(null)}
            />
          </ActionDraftKey.Provider>
        </Card>
      )}
    </>
  )
}
