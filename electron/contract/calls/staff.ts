import { z } from 'zod'
import type { Operator, Staff } from '../../../shared/types'
import { call, type AnyCallSpec } from '../define'
import { noInput, id, text, optionalText } from './common'
import { staffRole } from '../../../shared/codes/staff'

export const staffSaveInput = z
  .object({
    id: id.optional(),
    name: text(20),
    departmentId: id.nullish(),
    title: optionalText(30),
    role: z.enum(staffRole.codes).optional(),
    isLeader: z.boolean().optional(),
    phone: optionalText(40),
    active: z.boolean().optional(),
  })
  .strict()

// pin: required for a staff member who has one; newPin: a supervisor's first PIN, or their own in
// place of an initial one (db/staff/operators.ts). 4–12 digits are checked in db/staff/pin.ts.
export const operatorSelectInput = z.object({ staffId: id.nullable(), pin: text(40).optional(), newPin: text(40).optional() }).strict()

export const staffSetPinInput = z.object({ staffId: id, pin: text(40).nullable(), currentPin: text(40).nullish() }).strict()

export const staffCalls = {
  'staff-list': call(noInput).returns<Staff[]>(),
  'staff-save': call(staffSaveInput).returns<Staff>(),
  'operator-select': call(operatorSelectInput).returns<Operator | null>(),
  // A supervisor sets anyone's PIN; others only their own (db/staff/operators.ts).
  'staff-set-pin': call(staffSetPinInput).returns<Staff>(),
} satisfies Record<`${string}-${string}`, AnyCallSpec>
