import { PrinterOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { ClockState, Deadline, IssueDetail, PetitionAction, PetitionNotice } from '../../../../electron/contract/types'
import {
  clockState,
  deadlineKind,
  deliveryMethod,
  noticeKind,
  petitionAction,
  petitionStage,
  procedure as procedureList,
} from '../../../../shared/codes/petitions'
import { isOpenStatus } from '../../../../shared/lifecycle'
import { navigate } from '../../../lib/route'
import type { ActionFormProps } from '../actions/ActionForm'
import { DecideForm } from './DecideForm'
import { DeliverForm } from './DeliverForm'
import { PetitionExtendForm } from './PetitionExtendForm'
import { ProcedureChangeForm } from './ProcedureChangeForm'
import { ReferralReplyForm } from './ReferralReplyForm'
import { ReplyForm } from './ReplyForm'
import { ReviewAnswerForm, ReviewRequestForm } from './ReviewForms'
import { UnflagForm } from './UnflagForm'

type Step = PetitionAction | 'procedure' | 'referral_reply'

const STEP_LABEL: Record<Step, string> = { ...petitionAction.labels, procedure: '变更办理程序', referral_reply: '回复转办单位' }

const CLOCK_COLOR: Record<ClockState, string> = {
  on_time: 'default',
  due_soon: 'orange',
  overdue: 'red',
  met: 'green',
  met_late: 'volcano',
  lapsed: 'default',
}

function StepForm({ step, ...props }: ActionFormProps & { step: Step }) {
  switch (step) {
    case 'decide':
      return <DecideForm {...props} />
    case 'deliver':
      return <DeliverForm {...props} />
    case 'extend':
      return <PetitionExtendForm {...props} />
    case 'reply':
      return <ReplyForm {...props} />
    case 'review_request':
      return <ReviewRequestForm level="review" {...props} />
    case 'review_answer':
      return <ReviewAnswerForm level="review" {...props} />
    case 'rereview_request':
      return <ReviewRequestForm level="rereview" {...props} />
    case 'rereview_answer':
      return <ReviewAnswerForm level="rereview" {...props} />
    case 'unflag':
      return <UnflagForm {...props} />
    case 'procedure':
      return <ProcedureChangeForm {...props} />
    case 'referral_reply':
      return <ReferralReplyForm {...props} />
  }
}

function savedMessage(step: Step, after: IssueDetail): string {
  const p = after.intake.petition
  if (step === 'decide' && p?.decision === 'accept') return `${after.number} 已受理，${after.dueDate} 前办结；请打印受理告知书`
  if (step === 'decide' && p?.decision) return `${after.number} 已作出“${p.decision === 'reject' ? '不予受理' : '转送'}”决定；请打印告知书`
  if (step === 'extend') return `${after.number} 已延期至 ${after.dueDate}；请打印延期告知书`
  if (step === 'procedure') return `${after.number} 的办理程序已改为“${procedureList.label(after.procedure)}”`
  return `${after.number} ${SAVED[step]}`
}

const SAVED: Record<Step, string> = {
  decide: '已作出受理决定',
  extend: '已延期',
  procedure: '已变更办理程序',
  deliver: '已登记送达',
  reply: '已书面答复；请打印处理意见书',
  review_request: '已登记复查申请',
  review_answer: '已作出复查意见；请打印复查意见书',
  rereview_request: '已登记复核申请',
  rereview_answer: '已作出复核意见，信访程序终结；请打印复核意见书',
  unflag: '已解除重复标记',
  referral_reply: '已回复转办单位',
}

interface Props {
  detail: IssueDetail
  onSaved: (after: IssueDetail, message: string) => void
  onRefused: () => void
}

/** 来源 and 办理程序 of an issue; for a 信访事项 its stage, clocks, notices and steps; for a 转办件 its dates and reply back. */
export function ProcedureSection({ detail, onSaved, onRefused }: Props) {
  const [active, setActive] = useState<Step | null>(null)
  const { intake } = detail
  const petition = intake.petition
  const steps: Step[] = [
    ...(petition?.actions ?? []),
    ...(intake.referral?.canReply ? ['referral_reply' as const] : []),
    ...(isOpenStatus(detail.status) && detail.voidedAt === null ? ['procedure' as const] : []),
  ]
  const title = (
    <Space size={8}>
      <span>{procedureList.label(intake.procedure)}</span>
      {petition && <Tag color="blue">{petitionStage.label(petition.stage)}</Tag>}
    </Space>
  )
  return (
    <Card size="small" title={title} style={{ marginBottom: 12 }} data-testid="procedure-section">
      <Descriptions
        size="small"
        column={2}
        items={[
          { key: 'source', label: '来源', children: intake.sourceName },
          { key: 'ref', label: '工单号/文号', children: intake.sourceRef ?? '—' },
          ...(intake.sourceBody ? [{ key: 'body', label: '转办单位', children: intake.sourceBody, span: 2 }] : []),
          ...(intake.referral
            ? [
                { key: 'due', label: '转办时限', children: intake.referral.dueOn },
                { key: 'by', label: '回复时限', children: intake.referral.replyBy },
                {
                  key: 'replied',
                  label: '回复转办单位',
                  span: 2,
                  children: intake.referral.repliedOn
                    ? `${intake.referral.repliedOn} ${deliveryMethod.label(intake.referral.replyMethod ?? 'other')}：${intake.referral.reply ?? ''}`
                    : '尚未回复',
                },
              ]
            : []),
        ]}
      />
      {petition?.repeatOf && (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '8px 0' }}
          title={`与已复核终结的 ${petition.repeatOf.number} 为同一信访人、同一类别：依《信访工作条例》，同一事项不再受理。如确属新的事项，请负责人解除重复标记。`}
        />
      )}
      {intake.deadlines.length > 0 && <Deadlines deadlines={intake.deadlines} />}
      {petition && petition.notices.length > 0 && <Notices notices={petition.notices} />}
      {steps.length > 0 && (
        <Space wrap size={8} style={{ marginTop: 8 }}>
          {steps.map((s) => (
            <Button key={s} size="small" type={s === active ? 'primary' : 'default'} onClick={() => setActive(s === active ? null : s)}>
              {STEP_LABEL[s]}
            </Button>
          ))}
        </Space>
      )}
      {active && steps.includes(active) && (
        <Card
          size="small"
          title={STEP_LABEL[active]}
          style={{ marginTop: 8, borderColor: '#91caff' }}
          styles={{ header: { background: '#f0f7ff' } }}
        >
          <StepForm
            key={active}
            step={active}
            detail={detail}
            onSaved={(after) => {
              setActive(null)
              onSaved(after, savedMessage(active, after))
            }}
            onRefused={onRefused}
            onCancel={() => setActive(null)}
          />
        </Card>
      )}
    </Card>
  )
}

/** Every clock with the rule it comes from. */
function Deadlines({ deadlines }: { deadlines: Deadline[] }) {
  return (
    <Table<Deadline>
      size="small"
      rowKey="kind"
      pagination={false}
      style={{ marginTop: 8 }}
      dataSource={deadlines}
      aria-label="期限"
      columns={[
        { title: '期限', dataIndex: 'kind', width: 84, render: (k: Deadline['kind']) => deadlineKind.label(k) },
        { title: '规则', dataIndex: 'rule' },
        { title: '截止', dataIndex: 'due', width: 96 },
        { title: '完成', dataIndex: 'doneOn', width: 96, render: (d: string | null) => d ?? '—' },
        {
          title: '状态',
          dataIndex: 'state',
          width: 84,
          render: (s: ClockState) => <Tag color={CLOCK_COLOR[s]}>{clockState.label(s)}</Tag>,
        },
      ]}
    />
  )
}

/** The written notices, each printable, with its delivery or 待送达. */
function Notices({ notices }: { notices: PetitionNotice[] }) {
  return (
    <div style={{ marginTop: 8 }}>
      {notices.map((n) => (
        <div key={n.id} style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '2px 0' }}>
          <Typography.Text strong>{noticeKind.label(n.kind)}</Typography.Text>
          <Typography.Text type="secondary">{n.dated}</Typography.Text>
          {n.deliveredOn ? (
            <Tag color="green">
              {deliveryMethod.label(n.deliveryMethod ?? 'other')} {n.deliveredOn}
            </Tag>
          ) : (
            <Tag color="orange">待送达</Tag>
          )}
          <Button
            size="small"
            type="link"
            icon={<PrinterOutlined />}
            aria-label={`打印${noticeKind.label(n.kind)}`}
            onClick={() => navigate('print', { kind: 'notice', notice: n.id })}
          >
            打印
          </Button>
        </div>
      ))}
    </div>
  )
}
