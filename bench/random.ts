// Seeded choices for the synthetic ledger: every draw comes from the one generator the caller
// passes, so the same seed draws the same ledger.

import { SURNAMES, GIVEN_NAMES } from './text'

export type Rand = () => number

export function pick<T>(rand: Rand, list: readonly [T, ...T[]]): T {
  return list[Math.floor(rand() * list.length)] ?? list[0]
}

export function pickFrom<T>(rand: Rand, list: readonly T[]): T | undefined {
  return list[Math.floor(rand() * list.length)]
}

export function mobile(rand: Rand): string {
  return `1${pick(rand, ['3', '5', '7', '8', '9'])}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`
}

export function personName(rand: Rand): string {
  return pick(rand, SURNAMES) + pick(rand, GIVEN_NAMES)
}
