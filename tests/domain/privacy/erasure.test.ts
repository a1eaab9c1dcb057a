import {
  DELETED_TEXT,
  ERASED_MARK,
  ERASED_NAME,
  erasedIndex,
  erasedOpenid,
  erasedProfile,
  personalNeedles,
  scrubPersonal,
} from '@/domain/privacy/erasure'

describe('erasedProfile', () => {
  it('blanks every personal plain field and frees openid and referral code', () => {
    expect(erasedProfile('m-1')).toEqual({
      openid: 'erased:m-1',
      unionid: null,
      realName: ERASED_NAME,
      shopName: '',
      shopAddress: '',
      birthday: '',
      referralCode: null,
      rejectReason: null,
    })
  })

  it('names a withdrawn member 已注销会员', () => {
    expect(ERASED_NAME).toBe('已注销会员')
    expect(DELETED_TEXT).toBe('[已删除]')
  })
})

describe('erasedOpenid and erasedIndex', () => {
  it('are unique per member (and kind) and derived from the anonymous id only', () => {
    expect(erasedOpenid('m-1')).toBe('erased:m-1')
    expect(erasedIndex('m-1', 'mobile')).toBe('erased:m-1:mobile')
    expect(erasedIndex('m-1', 'licence')).toBe('erased:m-1:licence')
    expect(erasedIndex('m-2', 'mobile')).not.toBe(erasedIndex('m-1', 'mobile'))
  })
})

describe('personalNeedles', () => {
  it('drops blanks, nulls, single characters and repeats; longest first', () => {
    expect(personalNeedles(['王建国', '', null, undefined, '王', '13912345678', '王建国'])).toEqual(
      ['13912345678', '王建国'],
    )
  })
})

describe('scrubPersonal', () => {
  const needles = personalNeedles(['王建国', '13912345678', 'v1.abc.def'])

  it('replaces the value of every personal key, however deep', () => {
    const stored = {
      ok: true,
      data: { memberId: 'm-1', realName: '王建国', cardNo: '100000000018', balance: 120 },
      list: [{ mobileMasked: '139****5678', resubmitForm: { licenceNo: 'x' } }],
    }

    expect(scrubPersonal(stored, needles)).toEqual({
      ok: true,
      data: { memberId: 'm-1', realName: ERASED_MARK, cardNo: '100000000018', balance: 120 },
      list: [{ mobileMasked: ERASED_MARK, resubmitForm: ERASED_MARK }],
    })
  })

  it('keeps personal keys that hold nothing', () => {
    expect(scrubPersonal({ realName: null, shopName: null }, needles)).toEqual({
      realName: null,
      shopName: null,
    })
  })

  it('replaces every occurrence of a needle inside other strings', () => {
    const reason = '王建国的许可证与王建国的手机13912345678不符'

    expect(scrubPersonal(reason, needles)).toBe(
      `${ERASED_MARK}的许可证与${ERASED_MARK}的手机${ERASED_MARK}不符`,
    )
    expect(scrubPersonal({ note: 'sealed v1.abc.def' }, needles)).toEqual({
      note: `sealed ${ERASED_MARK}`,
    })
  })

  it('deletes what people wrote from a stored result whole, when asked to', () => {
    const result = {
      ok: true,
      data: { id: 's-1', text: '希望多办品鉴会', answer: '感谢建议', reason: null, points: 3 },
    }

    expect(scrubPersonal(result, needles, { deleteWritten: true })).toEqual({
      ok: true,
      data: { id: 's-1', text: DELETED_TEXT, answer: DELETED_TEXT, reason: null, points: 3 },
    })
    expect(scrubPersonal(result, needles)).toEqual(result)
  })

  it('leaves numbers, booleans, null and unrelated text alone', () => {
    const value = { points: 5, ok: false, none: null, title: '新品品鉴会' }

    expect(scrubPersonal(value, needles)).toEqual(value)
    expect(scrubPersonal(null, needles)).toBeNull()
  })
})
