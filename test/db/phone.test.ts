import { describe, expect, it } from 'vitest'
import { isServiceNumber, isValidLandline, isValidMobile, isValidPhone, normalizePhone } from '../../db/validation/phone'

describe('normalizePhone', () => {
  it('turns full-width digits into half-width ones', () => {
    expect(normalizePhone('１３８１２３４５６７８')).toBe('13812345678')
  })

  it('strips spaces, dashes and parentheses', () => {
    expect(normalizePhone(' (0571) 8765-4321 ')).toBe('057187654321')
  })

  it('strips full-width parentheses and dashes', () => {
    expect(normalizePhone('（０１０）－１２３４５６７８')).toBe('01012345678')
  })

  it('strips a leading +86 from a mobile number', () => {
    expect(normalizePhone('+86 138-1234-5678')).toBe('13812345678')
  })

  it('strips a leading 0086 from a mobile number', () => {
    expect(normalizePhone('008613812345678')).toBe('13812345678')
  })

  it('puts back the trunk 0 of a landline written with +86', () => {
    expect(normalizePhone('+86 10 1234 5678')).toBe('01012345678')
  })

  it('leaves 86 without a plus sign alone', () => {
    expect(normalizePhone('8613812345678')).toBe('8613812345678')
  })
})

describe('isValidMobile', () => {
  it('accepts an 11-digit number starting 13 to 19', () => {
    for (const prefix of ['13', '14', '15', '16', '17', '18', '19']) {
      expect(isValidMobile(`${prefix}812345678`)).toBe(true)
    }
  })

  it('rejects an 11-digit number starting 12', () => {
    expect(isValidMobile('12812345678')).toBe(false)
  })

  it('rejects a 10-digit number', () => {
    expect(isValidMobile('1381234567')).toBe(false)
  })

  it('accepts a mobile number written with +86 and dashes', () => {
    expect(isValidMobile('+86-138-1234-5678')).toBe(true)
  })
})

describe('isValidLandline', () => {
  it('accepts a Beijing number with a 3-digit area code and a dash', () => {
    expect(isValidLandline('010-12345678')).toBe(true)
  })

  it('accepts a 4-digit area code with a 7-digit local number', () => {
    expect(isValidLandline('0571-8765432')).toBe(true)
  })

  it('accepts a 02x area code run together with its local number', () => {
    expect(isValidLandline('02188889999')).toBe(true)
  })

  it('accepts an area code in parentheses', () => {
    expect(isValidLandline('(0571)87654321')).toBe(true)
  })

  it('accepts a bare 8-digit local number', () => {
    expect(isValidLandline('87654321')).toBe(true)
  })

  it('accepts a bare 7-digit local number', () => {
    expect(isValidLandline('8765432')).toBe(true)
  })

  it('rejects a local number of 6 digits after the area code', () => {
    expect(isValidLandline('010-123456')).toBe(false)
  })

  it('rejects a local number of 9 digits after the area code', () => {
    expect(isValidLandline('0571-123456789')).toBe(false)
  })

  it('rejects a mobile number', () => {
    expect(isValidLandline('13812345678')).toBe(false)
  })

  it('rejects a number with an extension after 转', () => {
    expect(isValidLandline('0571-87654321转123')).toBe(false)
  })
})

describe('isServiceNumber', () => {
  it('accepts the 12345 and 12369 hotlines', () => {
    expect(isServiceNumber('12345')).toBe(true)
    expect(isServiceNumber('12369')).toBe(true)
  })

  it('rejects a 5-digit number not starting 123', () => {
    expect(isServiceNumber('12456')).toBe(false)
  })
})

describe('isValidPhone', () => {
  it('accepts a mobile number', () => {
    expect(isValidPhone('13812345678')).toBe(true)
  })

  it('accepts a landline', () => {
    expect(isValidPhone('0571-8765432')).toBe(true)
  })

  it('accepts a government hotline', () => {
    expect(isValidPhone('12369')).toBe(true)
  })

  it('rejects letters', () => {
    expect(isValidPhone('abc')).toBe(false)
  })

  it('rejects an empty string', () => {
    expect(isValidPhone('')).toBe(false)
  })
})

describe('numbers as people give them', () => {
  it.each([
    ['400-123-4567', '4001234567'],
    ['4001234567', '4001234567'],
    ['800-820-8820', '8008208820'],
    ['95598', '95598'],
    ['0799-1234567-801', '07991234567转801'],
    ['0799-1234567转801', '07991234567转801'],
    ['0799-1234567 分机 801', '07991234567转801'],
    ['(0799)1234567 ext.801', '07991234567转801'],
    ['+852 9123 4567', '+85291234567'],
    ['00852 2123 4567', '+85221234567'],
    ['+853 6612 3456', '+85366123456'],
  ])('accepts %s, stored as %s', (typed, stored) => {
    expect(normalizePhone(typed)).toBe(stored)
    expect(isValidPhone(typed)).toBe(true)
  })

  it.each([
    ['010-1234567', 'a 7-digit local number behind a 3-digit area code'],
    ['021-7654321', 'the same for Shanghai'],
    ['400-123-456', 'a 400 number a digit short'],
    ['9559', 'a 95 number a digit short'],
    ['0799-1234567转1234567', 'an extension of seven digits'],
    ['+852 1234 5678', 'a Hong Kong number starting 1'],
    ['+852 9123 456', 'a Hong Kong number a digit short'],
  ])('refuses %s (%s)', (typed) => {
    expect(isValidPhone(typed)).toBe(false)
  })

  it('still accepts a 7-digit local number behind a 4-digit area code', () => {
    expect(isValidLandline('0799-1234567')).toBe(true)
  })
})
