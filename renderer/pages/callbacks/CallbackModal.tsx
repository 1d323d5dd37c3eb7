import { Descriptions, Modal } from 'antd'
import type { CallbackItem, IssueDetail } from '../../../electron/contract/types'
import { CallbackForm } from '../issues/actions/CallbackForm'
import { visitorLabel } from './visitorLabel'

interface Props {
  issue: CallbackItem | null
  onSaved: (d: IssueDetail) => void
  onCancel: () => void
}

/** The call and its outcome in one step, with what the visitor raised and what was done in view. */
export function CallbackModal({ issue, onSaved, onCancel }: Props) {
  return (
    <Modal
      open={issue !== null}
      title={issue ? `回访 ${issue.number}` : '回访'}
      footer={null}
      onCancel={onCancel}
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
              { key: 'p', label: '联系电话', children: issue.visitorPhone ?? '—' },
              { key: 'c', label: '反映问题', children: issue.content, span: 2 },
              { key: 'r', label: '办理结果', children: issue.result ?? '—', span: 2 },
            ]}
          />
          <CallbackForm issue={issue} onSaved={onSaved} onCancel={onCancel} />
        </>
      )}
    </Modal>
  )
}
