/**
 * The list after moving one item up (-1) or down (+1), with every item's new position: the
 * caller saves only the items whose sortOrder differs from their new index.
 */
export function moved<T extends { id: number; sortOrder: number }>(
  list: readonly T[],
  id: number,
  delta: -1 | 1,
): { item: T; sortOrder: number }[] {
  const order = [...list]
  const from = order.findIndex((x) => x.id === id)
  const to = from + delta
  if (from < 0 || to < 0 || to >= order.length) return []
  const [item] = order.splice(from, 1)
  if (!item) return []
  order.splice(to, 0, item)
  return order.map((x, i) => ({ item: x, sortOrder: i })).filter((x) => x.item.sortOrder !== x.sortOrder)
}
