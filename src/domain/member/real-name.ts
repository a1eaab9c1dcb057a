/** Words people type instead of a name; such an entry is refused (SPEC §2: "no placeholders"). */
const PLACEHOLDER_NAMES = new Set([
  '测试',
  '测试用户',
  'test',
  'tester',
  '无',
  '未知',
  '匿名',
  '某某',
  '某人',
  '用户',
  '客户',
  '老板',
  '店主',
  '先生',
  '女士',
  '小姐',
  '姓名',
  '名字',
  '真实姓名',
  'xxx',
  'abc',
  'null',
  'none',
])

/**
 * True when `name` is a placeholder rather than a real name: a known filler word, a run of one
 * repeated character (啊啊啊), digits only, or a name made only of punctuation.
 */
export function isPlaceholderName(name: string): boolean {
  const trimmed = name.trim().toLowerCase()
  if (PLACEHOLDER_NAMES.has(trimmed)) return true
  if (/^(.)\1+$/u.test(trimmed)) return true
  if (/^[\d\s]+$/.test(trimmed)) return true
  return !/[\p{L}]/u.test(trimmed)
}
