import { toHalfWidth } from './text'

// GB 32100-2015 统一社会信用代码. The charset leaves out I, O, S, V and Z so that they are not
// mistaken for 1, 0, 5, U and 2 when a code is read aloud or copied by hand.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

// 登记管理部门代码: 1 机构编制, 5 民政, 9 市场监管, Y 其他 in the 2015 standard; later rules added
// 2–8, A (军队) and N (农业), and real certificates carry them.
const REGISTRARS = '123456789ANY'

export function normalizeCreditCode(raw: string): string {
  return toHalfWidth(raw).replace(/\s+/g, '').toUpperCase()
}

// Judges what the user typed, after the same normalization that is stored.
export function isValidCreditCode(code: string): boolean {
  const c = normalizeCreditCode(code)
  if (c.length !== 18) return false
  if (!REGISTRARS.includes(c[0])) return false
  if (!/^\d{6}$/.test(c.slice(2, 8))) return false
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(c[i])
    if (value < 0) return false
    sum += value * WEIGHTS[i]
  }
  return c[17] === CHARSET[(31 - (sum % 31)) % 31]
}
