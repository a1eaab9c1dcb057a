import { isPlaceholderName } from '@/domain/member/real-name'

describe('isPlaceholderName', () => {
  it.each(['王建国', '李秀英', '欧阳娜娜', '司马相如', '诸葛亮', '张伟', '王芳'])(
    'accepts the real Chinese name %s',
    (name) => {
      expect(isPlaceholderName(name)).toBe(false)
    },
  )

  it.each(['阿卜杜·热合曼', '买买提·艾力', '迪丽热巴·迪力木拉提'])(
    'accepts %s, a name with a middle dot',
    (name) => {
      expect(isPlaceholderName(name)).toBe(false)
    },
  )

  it.each(['Li Na', 'Anna'])('accepts the name %s written in Latin letters', (name) => {
    expect(isPlaceholderName(name)).toBe(false)
  })

  it.each([
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
  ])('refuses the filler word %s', (name) => {
    expect(isPlaceholderName(name)).toBe(true)
  })

  it.each(['TEST', 'Test', 'XXX', 'None', 'NULL'])(
    'refuses a filler word whatever its letter case: %s',
    (name) => {
      expect(isPlaceholderName(name)).toBe(true)
    },
  )

  it.each(['  测试  ', '\t老板\n', ' test '])(
    'refuses a filler word with spaces around: %p',
    (name) => {
      expect(isPlaceholderName(name)).toBe(true)
    },
  )

  it.each(['啊啊啊', '某某某', '哈哈', 'aaaa', 'ZZ'])(
    'refuses a run of one repeated character: %s',
    (name) => {
      expect(isPlaceholderName(name)).toBe(true)
    },
  )

  it.each(['12345678', '0', '1 2 3', '138 0000 0000'])('refuses digits only: %p', (name) => {
    expect(isPlaceholderName(name)).toBe(true)
  })

  it.each(['···', '--', '？？', '……', '*_*', '', '   '])(
    'refuses a name without a single letter: %p',
    (name) => {
      expect(isPlaceholderName(name)).toBe(true)
    },
  )
})
