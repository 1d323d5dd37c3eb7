import type { AppointmentStatus } from '../../electron/contract/types'

export const APPOINTMENT_STATUS: Record<AppointmentStatus, string> = {
  booked: '已预约',
  arrived: '已到访',
  no_show: '未到',
  cancelled: '已取消',
}

export const APPOINTMENT_STATUS_COLOR: Record<AppointmentStatus, string> = {
  booked: 'blue',
  arrived: 'green',
  no_show: 'orange',
  cancelled: 'default',
}
