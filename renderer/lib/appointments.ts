import { appointmentStatus } from '../../shared/codes/visits'
import type { AppointmentStatus } from '../../electron/contract/types'

export const APPOINTMENT_STATUS = appointmentStatus.labels

export const APPOINTMENT_STATUS_COLOR: Record<AppointmentStatus, string> = {
  booked: 'blue',
  arrived: 'green',
  no_show: 'orange',
  cancelled: 'default',
}
