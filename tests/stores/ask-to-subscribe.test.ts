const mockRequest = jest.fn()
// The service reads Taro only when called, so the mock may look the function up lazily.
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: { requestSubscribeMessage: (option: unknown) => mockRequest(option) },
}))

import { askToSubscribe, type TemplateRef } from '@/services/subscribe'

const templates: TemplateRef[] = [
  { key: 'review', templateId: 'tmpl-R' },
  { key: 'star', templateId: 'tmpl-S' },
  { key: 'points', templateId: 'tmpl-P' },
  { key: 'eventNew', templateId: 'tmpl-E' },
]

describe('askToSubscribe', () => {
  const env = process.env.TARO_ENV
  beforeEach(() => mockRequest.mockReset())
  afterEach(() => {
    if (env === undefined) Reflect.deleteProperty(process.env, 'TARO_ENV')
    else process.env.TARO_ENV = env
  })

  it('asks WeChat for at most 3 templates and gives back the keys the member accepted', async () => {
    process.env.TARO_ENV = 'weapp'
    mockRequest.mockResolvedValue({
      errMsg: 'requestSubscribeMessage:ok',
      'tmpl-R': 'accept',
      'tmpl-S': 'reject',
      'tmpl-P': 'accept',
    })

    const accepted = await askToSubscribe(templates)

    expect(mockRequest).toHaveBeenCalledWith({ tmplIds: ['tmpl-R', 'tmpl-S', 'tmpl-P'] })
    expect(accepted).toEqual(['review', 'points'])
  })

  it('gives back none when the dialog fails (not from a tap, or switched off)', async () => {
    process.env.TARO_ENV = 'weapp'
    mockRequest.mockRejectedValue({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail' })

    const accepted = await askToSubscribe(templates.slice(0, 1))

    expect(accepted).toEqual([])
  })

  it('asks nothing when there is nothing to ask for', async () => {
    process.env.TARO_ENV = 'weapp'

    const accepted = await askToSubscribe([])

    expect(accepted).toEqual([])
    expect(mockRequest).not.toHaveBeenCalled()
  })

  it('counts every template as accepted in the H5 build of the local host, which has no dialog', async () => {
    process.env.TARO_ENV = 'h5'

    const accepted = await askToSubscribe(templates)

    expect(accepted).toEqual(['review', 'star', 'points'])
    expect(mockRequest).not.toHaveBeenCalled()
  })
})
