import type { Appointment } from '../../../electron/contract/types'
import type { ContractInput } from '../../../electron/contract'
import { blankToNull } from '../../lib/forms'
import { toIntakeInput, type IntakeValues } from './IntakeFields'

export interface MatterValues {
  type: 'consultation' | 'issue'
  categoryId?: number
  content?: string
  answer?: string
  /** The 常用答复 the answer was picked from, counted as a use when the visit is saved. */
  answerTemplateId?: number
  place?: string
  /** 来源 and 办理程序 of an issue. */
  intake?: IntakeValues
  /** 被反映对象 as typed; subjectId once picked from the directory. */
  subjectName?: string
  subjectId?: number
  subjectCreditCode?: string
  localityId?: number
  /** The earlier issue this one repeats, chosen from the warning shown while typing. */
  repeatOfId?: number | null
}

export interface RegistrationValues {
  visitorKind: 'resident' | 'enterprise'
  name?: string
  phone?: string
  idNumber?: string
  headcount?: number
  organizationName?: string
  creditCode?: string
  matters: MatterValues[]
}

export interface Chosen {
  visitorId?: number
  organizationId?: number
  /** Registering a booked visitor: the booking becomes this visit. */
  appointmentId?: number
}

/** What the desk's draft keeps beside the fields: the chosen visitor, what is shown for them, and the submission. */
export interface DeskExtra {
  chosen: Chosen
  chosenLabel: { visitor?: string; organization?: string }
  showId: boolean
  token: string
}

const positiveId = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined)
const textOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const field = (o: unknown, key: string): unknown =>
  o !== null && typeof o === 'object' && Object.hasOwn(o, key) ? Reflect.get(o, key) : undefined

/** A stored draft's extra, read back with every part checked; null when it is not one. */
export function deskExtraOf(stored: unknown): DeskExtra | null {
  const token = textOf(field(stored, 'token'))
  if (!token) return null
  const chosen = field(stored, 'chosen')
  const label = field(stored, 'chosenLabel')
  const pick = <T>(entries: [string, T | undefined][]) => Object.fromEntries(entries.filter(([, v]) => v !== undefined))
  return {
    token,
    showId: field(stored, 'showId') === true,
    chosen: pick([
      ['visitorId', positiveId(field(chosen, 'visitorId'))],
      ['organizationId', positiveId(field(chosen, 'organizationId'))],
      ['appointmentId', positiveId(field(chosen, 'appointmentId'))],
    ]),
    chosenLabel: pick([
      ['visitor', textOf(field(label, 'visitor'))],
      ['organization', textOf(field(label, 'organization'))],
    ]),
  }
}

export const emptyMatter = (type: MatterValues['type'] = 'consultation'): MatterValues => ({ type })

export const initialValues: RegistrationValues = { visitorKind: 'resident', headcount: 1, matters: [emptyMatter()] }

/** The form as the contract's visit-register input; the ledger checks the rest and answers in Chinese. */
export function toRegisterInput(sessionId: number, v: RegistrationValues, chosen: Chosen): ContractInput<'visit-register'> {
  const enterprise = v.visitorKind === 'enterprise'
  return {
    sessionId,
    visitor: {
      ...(chosen.visitorId !== undefined ? { id: chosen.visitorId } : {}),
      name: v.name ?? '',
      // A returning visitor's stored number is only ever shown masked; blank keeps it.
      phone: blankToNull(v.phone),
      idNumber: blankToNull(v.idNumber),
      kind: v.visitorKind,
    },
    organization: enterprise
      ? {
          ...(chosen.organizationId !== undefined ? { id: chosen.organizationId } : {}),
          name: v.organizationName ?? '',
          creditCode: blankToNull(v.creditCode),
        }
      : null,
    headcount: v.headcount ?? 1,
    ...(chosen.appointmentId !== undefined ? { appointmentId: chosen.appointmentId } : {}),
    matters: v.matters.map(toMatterInput),
  }
}

type MatterInput = ContractInput<'visit-register'>['matters'][number]

/** One matter card as the contract's matter: a consultation, or an issue with its case file. */
export function toMatterInput(m: MatterValues): MatterInput {
  if (m.type === 'consultation')
    return {
      type: 'consultation',
      categoryId: m.categoryId ?? 0,
      content: m.content ?? '',
      answer: m.answer ?? '',
      ...(m.answerTemplateId !== undefined ? { answerTemplateId: m.answerTemplateId } : {}),
    }
  const subjectName = blankToNull(m.subjectName)
  return {
    type: 'issue',
    categoryId: m.categoryId ?? 0,
    content: m.content ?? '',
    place: blankToNull(m.place),
    subject:
      subjectName === null
        ? null
        : {
            ...(m.subjectId !== undefined ? { id: m.subjectId } : {}),
            name: subjectName,
            creditCode: m.subjectId !== undefined ? null : blankToNull(m.subjectCreditCode),
          },
    localityId: m.localityId ?? null,
    repeatOfId: m.repeatOfId ?? null,
    intake: toIntakeInput(m.intake),
  }
}

/** A booking's details and questions as the starting point of its arrival's registration. */
export function valuesFromBooking(a: Appointment): RegistrationValues {
  return {
    visitorKind: a.kind,
    name: a.visitorName,
    phone: '',
    headcount: a.headcount,
    organizationName: a.organizationName ?? undefined,
    creditCode: '',
    matters:
      a.questions.length > 0
        ? a.questions.map((q) => ({ type: 'consultation', categoryId: q.categoryId ?? undefined, content: q.content }))
        : [emptyMatter()],
  }
}

/** Which field a refusal from the ledger is about, so the message appears beside it. */
export function fieldForError(code: string): keyof RegistrationValues | null {
  switch (code) {
    case 'invalid_phone':
      return 'phone'
    case 'invalid_id_number':
      return 'idNumber'
    case 'invalid_credit_code':
    case 'duplicate':
      return 'creditCode'
    default:
      return null
  }
}
