import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { LedgerError } from '../core/errors'
import { toHalfWidth } from '../validation/text'

// A staff PIN is short, so the hash must be slow: scrypt (memory-hard) with a random salt per
// PIN, stored as `scrypt$N$r$p$salt$hash` so the cost can be raised later without losing old PINs.

const COST = { N: 16384, r: 8, p: 1 } as const
const KEY_LENGTH = 32
const SALT_BYTES = 16

function derive(pin: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, KEY_LENGTH, { ...options, maxmem: 256 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)))
  })
}

/** Checks what was typed: 4 to 12 digits (full-width digits from a Chinese input method count). */
export function cleanPin(raw: string): string {
  const pin = toHalfWidth(raw).trim()
  if (!/^\d{4,12}$/.test(pin)) throw new LedgerError('invalid_pin', 'PIN 须为 4 至 12 位数字')
  return pin
}

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(pin, salt, COST)
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$')
}

/** Constant-time comparison; a malformed stored hash never matches. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, keyText] = stored.split('$')
  if (scheme !== 'scrypt' || saltText === undefined || keyText === undefined) return false
  const options = { N: Number(n), r: Number(r), p: Number(p) }
  if (!Object.values(options).every((v) => Number.isInteger(v) && v > 0)) return false
  const expected = Buffer.from(keyText, 'base64')
  if (expected.length !== KEY_LENGTH) return false
  const actual = await derive(toHalfWidth(pin).trim(), Buffer.from(saltText, 'base64'), options)
  return timingSafeEqual(actual, expected)
}
