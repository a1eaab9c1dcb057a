import {
  devInboxSender,
  LOCAL_TEMPLATE_IDS,
  subscribeTemplatesFrom,
} from '../../../cloudfunctions/_shared/notification-settings'
import { TEMPLATE_KEYS } from '@/domain/notification/templates'

describe('subscribeTemplatesFrom', () => {
  it('gives the local template ids when CLUB_SUBSCRIBE_TEMPLATES is unset or empty', () => {
    expect(subscribeTemplatesFrom(undefined)).toEqual(LOCAL_TEMPLATE_IDS)
    expect(subscribeTemplatesFrom('')).toEqual(LOCAL_TEMPLATE_IDS)
    expect(Object.keys(LOCAL_TEMPLATE_IDS)).toEqual([...TEMPLATE_KEYS])
  })

  it('takes the ids it sets, keeping the local id of each key it leaves out', () => {
    const ids = subscribeTemplatesFrom(
      JSON.stringify({
        review: ' tmpl-R ',
        points: 'tmpl-P',
        unknown: 'x',
        star: 42,
        eventNew: '',
      }),
    )

    expect(ids).toEqual({ ...LOCAL_TEMPLATE_IDS, review: 'tmpl-R', points: 'tmpl-P' })
  })

  it.each([
    ['text that is not JSON', '{review:', 'not valid JSON'],
    ['a JSON array', '["tmpl-R"]', 'must be a JSON object'],
    ['a JSON string', '"tmpl-R"', 'must be a JSON object'],
  ])('refuses %s, so a misconfigured function does not start', (_case, json, message) => {
    expect(() => subscribeTemplatesFrom(json)).toThrow(message)
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
