import { MAX_MATTERS_PER_VISIT } from '../../shared/limits'
import { SUBMISSION_TOKEN } from '../../shared/submission'
import { LedgerError } from '../core/errors'
import { cleanOrganization, cleanVisitor, type OrganizationInput, type VisitorInput } from '../directory/records'
import { cleanIntake, type IntakeInput } from '../issues/source'
import { cleanCaseFile, type CaseFileInput } from '../issues/subject'
import { optionalText, requireText } from '../validation/text'

// What a desk sends to register a contact, and the same checked and trimmed before anything is
// read or written (db/visits/register.ts): every refusal here changes nothing.

export type MatterInput =
  | {
      type: 'consultation'
      categoryId: number
      content: string
      answer: string
      /** The 常用答复 the answer started from (it may have been edited since): counted as a use. */
      answerTemplateId?: number | undefined
    }
  | ({
      type: 'issue'
      categoryId: number
      content: string
      place?: string | null | undefined
      intake?: IntakeInput | undefined
    } & CaseFileInput)

export interface RegisterVisitInput {
  sessionId: number
  visitor: VisitorInput
  organization?: OrganizationInput | null | undefined
  headcount: number
  matters: MatterInput[]
  note?: string | null | undefined
  /** The booking this arrival fulfils; it is marked arrived in the same transaction. */
  appointmentId?: number | undefined
  /**
   * The form submission this is (the screen makes one per filled-in form). The ledger keeps it
   * unique among visits: the same submission arriving twice gets the visit saved the first time.
   */
  submissionToken?: string | undefined
}

export function cleanToken(token: string | undefined): string | null {
  if (token === undefined) return null
  if (!SUBMISSION_TOKEN.test(token)) throw new LedgerError('invalid_input', '提交标识格式不正确，请刷新后重新保存')
  return token
}

function cleanMatter(m: MatterInput, index: number) {
  const n = index + 1
  if (m.type === 'consultation') {
    return {
      type: m.type,
      categoryId: m.categoryId,
      content: requireText(m.content, `第${n}项咨询内容`, 2000),
      answer: requireText(m.answer, `第${n}项咨询的答复`, 4000),
      place: null,
      intake: null,
      answerTemplateId: m.answerTemplateId ?? null,
      caseFile: null,
    }
  }
  return {
    type: m.type,
    categoryId: m.categoryId,
    content: requireText(m.content, `第${n}项反映问题`, 4000),
    answer: null,
    place: optionalText(m.place, `第${n}项问题地点`, 200),
    intake: cleanIntake(m.intake, `第${n}项问题`),
    answerTemplateId: null,
    caseFile: cleanCaseFile(m),
  }
}

export interface CleanVisit {
  visitor: ReturnType<typeof cleanVisitor>
  organization: ReturnType<typeof cleanOrganization> | null
  headcount: number
  matters: ReturnType<typeof cleanMatter>[]
  note: string | null
}

export function cleanVisitInput(
  input: Pick<RegisterVisitInput, 'visitor' | 'organization' | 'headcount' | 'matters' | 'note'>,
  booked: { phone: string | null; creditCode: string | null } | null,
): CleanVisit {
  if (!Number.isInteger(input.headcount) || input.headcount < 1 || input.headcount > 999) {
    throw new LedgerError('invalid_input', '来访人数须为 1 至 999 的整数')
  }
  if (input.matters.length === 0) throw new LedgerError('invalid_input', '请至少登记一项咨询或问题')
  if (input.matters.length > MAX_MATTERS_PER_VISIT) throw new LedgerError('invalid_input', `一次来访最多登记 ${MAX_MATTERS_PER_VISIT} 项`)
  // A booked visitor's phone and credit code were taken at booking; the desk only saw them masked.
  return {
    visitor: cleanVisitor({ ...input.visitor, phone: input.visitor.phone || (input.visitor.id === undefined ? booked?.phone : null) }),
    organization: input.organization
      ? cleanOrganization({
          ...input.organization,
          creditCode: input.organization.creditCode || (input.organization.id === undefined ? booked?.creditCode : null),
        })
      : null,
    headcount: input.headcount,
    matters: input.matters.map(cleanMatter),
    note: optionalText(input.note, '备注', 500),
  }
}
