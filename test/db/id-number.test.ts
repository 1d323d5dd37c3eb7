import { afterEach, describe, expect, it, vi } from 'vitest'
import { isValidIdNumber, normalizeIdNumber } from '../../db/validation/id-number'

// Independent check: ISO 7064 MOD 11-2 weights are 2^(17−i) mod 11 and the check value is
// (12 − Σ mod 11) mod 11, with 10 written X. Deriving them here cross-checks the tables in the
// implementation.
function withCheck(body17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (2 ** (17 - i) % 11)
  const check = (12 - (sum % 11)) % 11
  return body17 + (check === 10 ? 'X' : String(check))
}

function withWrongCheck(id: string): string {
  return id.slice(0, 17) + (id[17] === '0' ? '1' : '0')
}

// Deterministic pseudo-random bodies with real birth dates, so every weight and every check
// value gets exercised.
function generatedBodies(count: number): string[] {
  let seed = 19491001
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed % n
  }
  const digits = (n: number) => Array.from({ length: n }, () => String(next(10))).join('')
  return Array.from({ length: count }, () => {
    const pad = (n: number) => String(n).padStart(2, '0')
    const birth = `${1900 + next(120)}${pad(1 + next(12))}${pad(1 + next(28))}`
    return digits(6) + birth + digits(3)
  })
}

// The example printed in GB 11643-1999, checked by hand: Σ = 167, 167 mod 11 = 2 → X.
const STANDARD_EXAMPLE = '11010519491231002X'

afterEach(() => {
  vi.useRealTimers()
})

describe('isValidIdNumber', () => {
  it('accepts the standard example whose check character X matches', () => {
    expect(isValidIdNumber(STANDARD_EXAMPLE)).toBe(true)
  })

  it('agrees with the independent check computation on the standard example', () => {
    expect(withCheck(STANDARD_EXAMPLE.slice(0, 17))).toBe(STANDARD_EXAMPLE)
  })

  it('accepts a constructed number with a digit check character', () => {
    const id = withCheck('33010219850615123')
    expect(id.endsWith('X')).toBe(false)
    expect(isValidIdNumber(id)).toBe(true)
  })

  it('accepts a lower-case x check character', () => {
    expect(isValidIdNumber('11010519491231002x')).toBe(true)
  })

  it('accepts 500 generated numbers whose check characters match', () => {
    const rejected = generatedBodies(500)
      .map(withCheck)
      .filter((id) => !isValidIdNumber(id))
    expect(rejected).toEqual([])
  })

  it('rejects every other check character on 500 generated numbers', () => {
    const accepted = generatedBodies(500)
      .flatMap((body) => {
        const right = withCheck(body)[17]
        return [...'0123456789X'].filter((ch) => ch !== right).map((ch) => body + ch)
      })
      .filter((id) => isValidIdNumber(id))
    expect(accepted).toEqual([])
  })

  it('rejects a number whose check character was changed', () => {
    expect(isValidIdNumber(withWrongCheck(STANDARD_EXAMPLE))).toBe(false)
  })

  it('rejects a birth year before 1900 even when the check character matches', () => {
    // 440524188001010014 is the standard's other example; its check digit is right.
    expect(withCheck('44052418800101001')).toBe('440524188001010014')
    expect(isValidIdNumber('440524188001010014')).toBe(false)
  })

  it('rejects 30 February', () => {
    expect(isValidIdNumber(withCheck('11010520000230123'))).toBe(false)
  })

  it('accepts 29 February in a leap year', () => {
    expect(isValidIdNumber(withCheck('11010520000229123'))).toBe(true)
  })

  it('rejects 29 February 1900, which was not a leap year', () => {
    expect(isValidIdNumber(withCheck('11010519000229123'))).toBe(false)
  })

  it('rejects a month 13', () => {
    expect(isValidIdNumber(withCheck('11010519851315123'))).toBe(false)
  })

  it('rejects a birth date after today', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date(2026, 5, 1, 10, 0, 0))
    expect(isValidIdNumber(withCheck('11010520260602123'))).toBe(false)
  })

  it('accepts a birth date of today', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date(2026, 5, 1, 10, 0, 0))
    expect(isValidIdNumber(withCheck('11010520260601123'))).toBe(true)
  })

  it('rejects an old 15-digit number', () => {
    expect(isValidIdNumber('110105491231002')).toBe(false)
  })

  it('rejects an X anywhere but the last place', () => {
    expect(isValidIdNumber('1101051949123100X2')).toBe(false)
  })

  it('accepts a number typed with full-width digits and spaces', () => {
    expect(isValidIdNumber(' １１０１０５ 19491231002ｘ ')).toBe(true)
  })
})

describe('normalizeIdNumber', () => {
  it('upper-cases a trailing x', () => {
    expect(normalizeIdNumber('11010519491231002x')).toBe(STANDARD_EXAMPLE)
  })

  it('turns full-width digits into half-width ones and removes spaces', () => {
    expect(normalizeIdNumber(' １１０１０５ １９４９１２３１ 002Ｘ\u3000')).toBe(STANDARD_EXAMPLE)
  })
})
