import { LedgerError } from '../core/errors'
import { isValidCreditCode, normalizeCreditCode } from '../validation/credit-code'
import { isValidIdNumber, normalizeIdNumber } from '../validation/id-number'
import { isValidPhone, normalizePhone } from '../validation/phone'
import { optionalText } from '../validation/text'

/** Cleans and checks the identifying fields the desk types; refuses anything that fails its check digit. */
export function cleanPhone(raw: string | null | undefined): string | null {
  const text = optionalText(raw, '联系电话', 40)
  if (text === null) return null
  const phone = normalizePhone(text)
  if (!isValidPhone(phone)) throw new LedgerError('invalid_phone', `联系电话格式不正确：${text}（手机号为 11 位，座机请带区号）`)
  return phone
}

export function cleanCreditCode(raw: string | null | undefined): string | null {
  const text = optionalText(raw, '统一社会信用代码', 40)
  if (text === null) return null
  const code = normalizeCreditCode(text)
  if (code.length !== 18) throw new LedgerError('invalid_credit_code', `统一社会信用代码应为 18 位，现为 ${code.length} 位：${text}`)
  if (!isValidCreditCode(code)) throw new LedgerError('invalid_credit_code', `统一社会信用代码校验不通过，请核对：${text}`)
  return code
}

export function cleanIdNumber(raw: string | null | undefined): string | null {
  const text = optionalText(raw, '身份证号', 40)
  if (text === null) return null
  const id = normalizeIdNumber(text)
  if (!isValidIdNumber(id)) throw new LedgerError('invalid_id_number', '身份证号校验不通过，请核对（18 位，末位可为 X）')
  return id
}

export type IdentityField = 'phone' | 'idNumber' | 'creditCode'

/**
 * The refusal a save would give this value, checked as the cursor leaves the box: null when it
 * would pass. The same rules as the save, so the desk hears the same words twice at most.
 */
export function identityProblem(field: IdentityField, value: string): string | null {
  try {
    if (field === 'phone') cleanPhone(value)
    else if (field === 'idNumber') cleanIdNumber(value)
    else cleanCreditCode(value)
    return null
  } catch (e) {
    if (e instanceof LedgerError) return e.message
    throw e
  }
}
