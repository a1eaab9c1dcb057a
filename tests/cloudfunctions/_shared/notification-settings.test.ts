import {
  devInboxSender,
  LOCAL_TEMPLATE_IDS,
  subscribeTemplatesFrom,
  subscribeTemplatesSetting,
} from '../../../cloudfunctions/_shared/notification-settings'
import { TEMPLATE_KEYS, type TemplateKey } from '@/domain/notification/templates'

describe('subscribeTemplatesFrom', () => {
  it('gives the local template ids when CLUB_SUBSCRIBE_TEMPLATES is unset or empty', () => {
    expect(subscribeTemplatesFrom(undefined)).toEqual(LOCAL_TEMPLATE_IDS)
    expect(subscribeTemplatesFrom('')).toEqual(LOCAL_TEMPLATE_IDS)
    expect(subscribeTemplatesFrom('  ')).toEqual(LOCAL_TEMPLATE_IDS)
    expect(Object.keys(LOCAL_TEMPLATE_IDS)).toEqual([...TEMPLATE_KEYS])
  })

  it('takes the key:templateId pairs it sets, keeping the local id of each key it leaves out', () => {
    const ids = subscribeTemplatesFrom('review:tmpl-R_1,points:P-2_x')

    expect(ids).toEqual({ ...LOCAL_TEMPLATE_IDS, review: 'tmpl-R_1', points: 'P-2_x' })
  })

  it('ignores spaces around the parts and an empty part, as a trailing comma', () => {
    const ids = subscribeTemplatesFrom(' review : tmpl-R , ,points:tmpl-P, ')

    expect(ids).toEqual({ ...LOCAL_TEMPLATE_IDS, review: 'tmpl-R', points: 'tmpl-P' })
  })

  it('reads back every id subscribeTemplatesSetting writes, in any of the id characters', () => {
    const all = Object.fromEntries(
      TEMPLATE_KEYS.map((key, i) => [key, `${i}-AZaz09_${key}`]),
    ) as Record<TemplateKey, string>

    const setting = subscribeTemplatesSetting(all)

    expect(setting).not.toMatch(/["'\\{}\s]/)
    expect(subscribeTemplatesFrom(setting)).toEqual(all)
    expect(subscribeTemplatesSetting({ star: 'S-1' })).toBe('star:S-1')
  })

  it.each([
    ['JSON, the format the CloudBase CLI cannot deploy', '{"review":"tmpl-R"}', 'is JSON'],
    ['a part without a colon', 'review=tmpl-R', 'is not key:templateId'],
    ['a part without an id', 'review:,points:tmpl-P', 'is not key:templateId'],
    ['a part without a key', ':tmpl-R', 'is not key:templateId'],
    ['an unknown key (a typo)', 'eventnew:tmpl-E', 'unknown key "eventnew"'],
    ['a key given twice', 'review:tmpl-R,review:tmpl-S', 'review is given twice'],
    ['an id with a quote', 'review:"tmpl-R"', 'may hold only'],
    ['an id with a space inside', 'review:tmpl R', 'may hold only'],
  ])('refuses %s, so a misconfigured function does not start', (_case, setting, message) => {
    expect(() => subscribeTemplatesFrom(setting)).toThrow(message)
  })
})

describe('devInboxSender', () => {
  it('delivers every message (the local host shows the sent ones in its dev inbox)', async () => {
    const outcome = await devInboxSender.send({
      openid: 'o_member',
      templateId: 'local-review',
      page: 'pages/index/index',
      data: {},
    })

    expect(outcome).toEqual({ ok: true })
  })
})
