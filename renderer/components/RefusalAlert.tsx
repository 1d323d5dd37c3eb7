import { Alert, Button } from 'antd'

/**
 * The ledger's refusal above a form's buttons; with `onRefresh`, a 刷新 that reads the record again
 * around what was typed (someone saved it first, or the line went at the last step of the save).
 */
export function RefusalAlert({ message, onRefresh }: { message: string; onRefresh?: (() => void) | undefined }) {
  return (
    <Alert
      type="error"
      showIcon
      title={message}
      style={{ marginBottom: 12 }}
      action={
        onRefresh ? (
          <Button size="small" onClick={onRefresh}>
            刷新
          </Button>
        ) : undefined
      }
    />
  )
}
