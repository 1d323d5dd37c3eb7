import { DatePicker, Form } from 'antd'
import dayjs from 'dayjs'
import { api } from '../../../api'
import { ActionForm, SubmitTextArea, type ActionFormProps } from '../actions/ActionForm'
import { isoDate, pastDateOnly } from '../actions/dates'
import { deliveryDefaults, DeliveryFields, deliveryOf, required, type ReplyValues } from './PetitionFields'

/** 书面答复 (处理意见书): ends handling as 办结 does. */
export function ReplyForm({ detail, onSaved, onRefused, onCancel }: ActionFormProps) {
  const decidedOn = detail.intake.petition?.decidedOn ?? detail.acceptedDate
  return (
    <ActionForm<ReplyValues>
      okText="保存答复"
      initialValues={{ date: dayjs(), ...deliveryDefaults }}
      save={(v) =>
        api.petitionReply({ issueId: detail.id, version: detail.version, text: v.text, date: isoDate(v.date), delivery: deliveryOf(v) })
      }
      {...{ onSaved, onRefused, onCancel }}
    >
      <Form.Item name="text" label="处理意见" rules={required('请填写处理意见')}>
        <SubmitTextArea maxLength={4000} placeholder="经调查核实的情况、处理结果和依据" />
      </Form.Item>
      <Form.Item name="date" label="处理意见书日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker allowClear={false} disabledDate={pastDateOnly(decidedOn)} />
      </Form.Item>
      <DeliveryFields notBefore={decidedOn} />
    </ActionForm>
  )
}
