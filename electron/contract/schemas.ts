import { z } from 'zod'

// Strict objects everywhere: a renderer sending a field main does not know is a bug to surface,
// not data to drop silently.

export const noInput = z.object({}).strict()
