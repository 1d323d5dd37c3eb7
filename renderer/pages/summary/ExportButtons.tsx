// Filled in once the export calls land (issue 4's Excel part).
export function ExportButtons(_props: { month: string }) {
  return null
}
