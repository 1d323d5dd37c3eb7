const CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** A valid 统一社会信用代码 (GB 32100 check character), distinct for each serial. */
export function creditCodeFor(serial: number): string {
  let body = ''
  for (let n = serial, i = 0; i < 9; i++, n = Math.floor(n / 31)) body = (CODE_CHARSET[n % 31] ?? '0') + body
  const first17 = `913501${String(serial % 100).padStart(2, '0')}${body}`.slice(0, 17)
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CODE_CHARSET.indexOf(first17[i] ?? '0') * (CODE_WEIGHTS[i] ?? 0)
  return first17 + CODE_CHARSET[(31 - (sum % 31)) % 31]
}
