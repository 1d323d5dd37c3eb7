import { Col, DatePicker, Form, Input, Row } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { ReviewLevel } from '../../../../electron/contract/types'
import { reviewLevel } from '../../../../shared/codes/petitions'
import { api } from '../../../api'
import { ActionForm, SubmitTextArea, type ActionFormProps } from '../actions/ActionForm'
import { isoDate, pastDateOnly } from '../actions/dates'
import { deliveryDefaults, DeliveryFields, deliveryOf, required, type ReplyValues } from './PetitionFields'

// 复查 and 复核 together: the same two steps (the request, then the answer) at either level.

/** 复查申请 / 复核申请: the date the visitor asked and the body they asked. */
export function ReviewRequestForm({ level, detail, onSaved, onRefused, onCancel }: ActionFormProps & { level: ReviewLevel }) {
  const word = reviewLevel.label(level)
  return (
    <ActionForm<{ date: Dayjs; body?: string }>
      okText={`登记${word}申请`}
      initialValues={{ date: dayjs() }}
      save={(v) =>
        api.petitionReviewRequest({
          issueId: detail.id,
          version: detail.version,
          level,
          date: isoDate(v.date),
          body: v.body?.trim() ? v.body : null,
        })
      }
      {...{ onSaved, onRefused, onCancel }}
    >
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item name="date" label={`${word}申请日期`} rules={[{ required: true, message: '请选择申请日期' }]}>
            <DatePicker allowClear={false} style={{ width: '100%' }} disabledDate={pastDateOnly(detail.acceptedDate)} />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="body" label={`${word}机关`}>
            <Input maxLength={100} placeholder={level === 'review' ? '如：县人民政府' : '如：市人民政府'} />
          </Form.Item>
        </Col>
      </Row>
    </ActionForm>
  )
}

/** 复查意见 / 复核意见 with its written notice. */
export function ReviewAnswerForm({ level, detail, onSaved, onRefused, onCancel }: ActionFormProps & { level: ReviewLevel }) {
  const word = reviewLevel.label(level)
  const asked = detail.intake.petition?.reviews.find((r) => r.level === level)?.requestedOn ?? detail.acceptedDate
  return (
    <ActionForm<ReplyValues>
      okText={`保存${word}意见`}
      initialValues={{ date: dayjs(), ...deliveryDefaults }}
      save={(v) =>
        api.petitionReviewAnswer({
          issueId: detail.id,
          version: detail.version,
          level,
          text: v.text,
          date: isoDate(v.date),
          delivery: deliveryOf(v),
        })
      }
      {...{ onSaved, onRefused, onCancel }}
    >
      <Form.Item name="text" label={`${word}意见`} rules={required(`请填写${word}意见`)}>
        <SubmitTextArea maxLength={4000} />
      </Form.Item>
      <Form.Item name="date" label={`${word}意见书日期`} rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker allowClear={false} disabledDate={pastDateOnly(asked)} />
      </Form.Item>
      <DeliveryFields notBefore={asked} />
    </ActionForm>
  )
}
