import { describe, expect, it } from 'vitest'
import { maskIdNumber, maskPhone } from '../../db/privacy/mask'

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
  })

  it('masks a mobile number written with +86 and dashes the same way', () => {
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678')
  })

  it('keeps the area code and last 4 digits of a landline written with a dash', () => {
    expect(maskPhone('010-12345678')).toBe('010****5678')
  })

  it('keeps the area code and last 4 digits of a landline run together', () => {
    expect(maskPhone('01012345678')).toBe('010****5678')
  })

  it('keeps a 4-digit area code', () => {
    expect(maskPhone('0571-8765432')).toBe('0571***5432')
  })

  it('masks all but the last 2 digits of a short number', () => {
    expect(maskPhone('12369')).toBe('***69')
  })

  it('masks all but the last 2 digits of a 6-digit number', () => {
    expect(maskPhone('123456')).toBe('****56')
  })

  it('keeps only the last 4 digits of a bare local number', () => {
    expect(maskPhone('87654321')).toBe('****4321')
  })

  it('returns null for null', () => {
    expect(maskPhone(null)).toBeNull()
  })

  it('returns an empty string for an empty string', () => {
    expect(maskPhone('')).toBe('')
  })
})

describe('maskIdNumber', () => {
  it('keeps the first 3 and last 4 characters of an 18-character number', () => {
    expect(maskIdNumber('110105194912311234')).toBe('110***********1234')
  })

  it('keeps a trailing X', () => {
    expect(maskIdNumber('11010519491231123X')).toBe('110***********123X')
  })

  it('upper-cases a trailing x before masking', () => {
    expect(maskIdNumber('11010519491231123x')).toBe('110***********123X')
  })

  it('keeps only the first and last character of a 15-digit number', () => {
    expect(maskIdNumber('110105491231002')).toBe('1*************2')
  })

  it('masks a 2-character value completely', () => {
    expect(maskIdNumber('12')).toBe('**')
  })

  it('returns null for null', () => {
    expect(maskIdNumber(null)).toBeNull()
  })
})
