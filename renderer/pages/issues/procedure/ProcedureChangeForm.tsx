import { Col, DatePicker, Form, Radio, Row, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import type { Procedure } from '../../../../electron/contract/types'
import { procedure as procedureList } from '../../../../shared/codes/petitions'
import { api } from '../../../api'
import { ActionForm, SubmitTextArea, type ActionFormProps } from '../actions/ActionForm'
import { isoDate } from '../actions/dates'
import { required } from './PetitionFields'

interface ChangeValues {
  procedure: Procedure
  reason: string
  referralDueDate?: Dayjs
  referralReplyBy?: Dayjs
}

/** 变更办理程序, by a 负责人 with a reason; kept in the history. */
export function ProcedureChangeForm({ detail, onSaved, onRefused, onCancel }: ActionFormProps) {
  const options = procedureList.options().filter((o) => o.value !== detail.procedure)
  return (
    <ActionForm<ChangeValues>
      okText="变更"
      initialValues={{ procedure: options[0]?.value }}
      save={(v) =>
        api.procedureChange({
          issueId: detail.id,
          version: detail.version,
          procedure: v.procedure,
          reason: v.reason,
          ...(v.referralDueDate ? { referralDueDate: isoDate(v.referralDueDate) } : {}),
          ...(v.referralReplyBy ? { referralReplyBy: isoDate(v.referralReplyBy) } : {}),
        })
      }
      {...{ onSaved, onRefused, onCancel }}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        现为“{procedureList.label(detail.procedure)}”。变更须由负责人登录后操作，办结时限随之按新的程序计算。
      </Typography.Paragraph>
      <Form.Item name="procedure" label="改为">
        <Radio.Group optionType="button" options={options} aria-label="新的办理程序" />
      </Form.Item>
      <ReferralDates />
      <Form.Item name="reason" label="变更理由" rules={required('请填写变更的理由')}>
        <SubmitTextArea maxLength={1000} />
      </Form.Item>
    </ActionForm>
  )
}

/** A 转办件's two dates, asked only when the change is to one. */
function ReferralDates() {
  const chosen: unknown = Form.useWatch('procedure')
  if (chosen !== 'referral') return null
  return (
    <Row gutter={12}>
      <Col span={12}>
        <Form.Item name="referralDueDate" label="转办时限" rules={[{ required: true, message: '请填写转办单位要求的办结时限' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="referralReplyBy" label="回复时限">
          <DatePicker style={{ width: '100%' }} placeholder="不填同办结时限" />
        </Form.Item>
      </Col>
    </Row>
  )
}
