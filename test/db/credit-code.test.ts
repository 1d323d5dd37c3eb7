import { describe, expect, it } from 'vitest'
import { isValidCreditCode, normalizeCreditCode } from '../../db/validation/credit-code'

// An independent check-character computation: GB 32100 weights are 3^i mod 31, so deriving them
// here (rather than copying the table) cross-checks the implementation's weight list.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
function withCheck(body17: string): string {
  let sum = 0
  let weight = 1
  for (const ch of body17) {
    sum += CHARSET.indexOf(ch) * weight
    weight = (weight * 3) % 31
  }
  return body17 + CHARSET[(31 - (sum % 31)) % 31]
}

function withWrongCheck(code: string): string {
  const right = code[17]
  return code.slice(0, 17) + (right === '0' ? '1' : '0')
}

// Deterministic pseudo-random bodies, so every weight and every check value gets exercised.
function generatedBodies(count: number): string[] {
  let seed = 20260214
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed % n
  }
  return Array.from({ length: count }, () => {
    const registrar = '123456789ANY'[next(12)]
    const division = Array.from({ length: 6 }, () => String(next(10))).join('')
    const rest = Array.from({ length: 9 }, () => CHARSET[next(31)]).join('')
    return registrar + CHARSET[next(31)] + division + rest
  })
}

// A published code, checked by hand: Σ value×weight over the first 17 characters is 1640,
// 1640 mod 31 = 28, 31 − 28 = 3, and the code ends in 3.
const PUBLISHED = '91350100M000100Y43'

describe('isValidCreditCode', () => {
  it('accepts a published credit code whose check character matches', () => {
    expect(isValidCreditCode(PUBLISHED)).toBe(true)
  })

  it('agrees with the independent check computation on the published code', () => {
    expect(withCheck(PUBLISHED.slice(0, 17))).toBe(PUBLISHED)
  })

  it('accepts a constructed enterprise code whose check character matches', () => {
    expect(isValidCreditCode(withCheck('91110108MA01ABCDK'))).toBe(true)
  })

  it('accepts codes from each registering authority 1–9, A, N and Y', () => {
    for (const registrar of '123456789ANY') {
      expect(isValidCreditCode(withCheck(`${registrar}1330100MA2KXY7QL`))).toBe(true)
    }
  })

  it('accepts 500 generated codes whose check characters match', () => {
    const rejected = generatedBodies(500)
      .map(withCheck)
      .filter((c) => !isValidCreditCode(c))
    expect(rejected).toEqual([])
  })

  it('rejects every other check character on 500 generated codes', () => {
    const accepted = generatedBodies(500)
      .flatMap((body) => {
        const right = withCheck(body)[17]
        return [...CHARSET].filter((ch) => ch !== right).map((ch) => body + ch)
      })
      .filter(isValidCreditCode)
    expect(accepted).toEqual([])
  })

  it('rejects a code whose check character was changed', () => {
    expect(isValidCreditCode(withWrongCheck(PUBLISHED))).toBe(false)
  })

  it('rejects a code from an unknown registering authority even with a matching check', () => {
    expect(isValidCreditCode(withCheck('B1330100MA2KXY7QL'))).toBe(false)
  })

  it('rejects a code whose administrative division part is not all digits', () => {
    expect(isValidCreditCode(withCheck('91A30100MA2KXY7QL'))).toBe(false)
  })

  it('rejects a code containing a letter outside the charset such as I, O, S, V or Z', () => {
    for (const letter of 'IOSVZ') {
      expect(isValidCreditCode(`91350100M000100${letter}43`)).toBe(false)
    }
  })

  it('rejects a code that is one character short', () => {
    expect(isValidCreditCode(PUBLISHED.slice(0, 17))).toBe(false)
  })

  it('rejects an empty string', () => {
    expect(isValidCreditCode('')).toBe(false)
  })

  it('accepts a code typed with full-width characters, lower case and spaces', () => {
    expect(isValidCreditCode(' ９１３５ 0100m000100y43　')).toBe(true)
  })
})

describe('normalizeCreditCode', () => {
  it('turns full-width characters into half-width ones', () => {
    expect(normalizeCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toBe(PUBLISHED)
  })

  it('upper-cases letters', () => {
    expect(normalizeCreditCode('91350100m000100y43')).toBe(PUBLISHED)
  })

  it('removes spaces, tabs and ideographic spaces anywhere in the code', () => {
    expect(normalizeCreditCode('\t9135 0100\u3000M000 100Y43 ')).toBe(PUBLISHED)
  })
})
