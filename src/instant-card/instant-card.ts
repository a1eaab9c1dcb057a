import { qrSvgDataUrl } from '../components/QrCode/qr-data-url'
import { cardCode, digitCode, formatDigitCode, timeStep } from '../domain/card/card-code'
import { decodeBase64 } from '../domain/shared/base64'
import { INSTANT_CARD_ID } from './instant-card-id'

/** Where the card store keeps the card (zustand's JSON, inside Taro's `{data}` storage wrapper). */
const KEPT_CARD = 'club-member-card'

type KeptCard = {
  card: { cardNo: string; version: number; secret: string; usable: boolean } | null
  skewMs: number
}

/** The card the card store keeps on the device, or null (none, or not readable). */
export function keptCard(storage: Pick<Storage, 'getItem'>): KeptCard | null {
  try {
    const wrapped = JSON.parse(storage.getItem(KEPT_CARD) ?? 'null') as { data?: unknown } | null
    if (typeof wrapped?.data !== 'string') return null
    const { state } = JSON.parse(wrapped.data) as { state?: Partial<KeptCard> }
    const card = state?.card
    if (!card || typeof card.secret !== 'string' || typeof card.cardNo !== 'string') return null
    return { card, skewMs: typeof state.skewMs === 'number' ? state.skewMs : 0 }
  } catch {
    return null
  }
}

/**
 * 会员卡 before the app: when the H5 page is opened on the card (`#/pages/card/index`) and the
 * device keeps a usable card, its QR and the digits under it — the code of this 30 s step at the server's time, made from
 * the kept secret exactly as the card page makes it — is shown as soon as the page is parsed,
 * while the app's scripts still load. The card page removes it when it mounts (same code, same
 * place on screen). Nothing is shown otherwise: another page, no card, a card not usable.
 */
export function showInstantCard(doc: Document, storage: Pick<Storage, 'getItem'>, now: Date) {
  if (!/^#\/pages\/card\/index(\?|$)/.test(doc.location.hash)) return false
  const kept = keptCard(storage)
  if (!kept?.card?.usable) return false
  const { card, skewMs } = kept
  const step = timeStep(new Date(now.getTime() + skewMs))
  const secret = decodeBase64(card.secret)
  const code = cardCode(secret, card, step)
  const box = doc.createElement('div')
  box.id = INSTANT_CARD_ID
  box.setAttribute(
    'style',
    'position:fixed;inset:0;z-index:1000;background:#f5f6f7;display:flex;flex-direction:column;' +
      'align-items:center;padding-top:96px;font:15px/1.5 -apple-system,sans-serif;color:#666',
  )
  const qr = doc.createElement('img')
  qr.src = qrSvgDataUrl(code)
  qr.alt = '会员码'
  qr.dataset.testid = 'card-qr'
  qr.dataset.code = code
  qr.setAttribute('style', 'width:240px;height:240px;background:#fff;border-radius:12px')
  // The digits under the QR too, as the card page shows them: read out when the scanner fails.
  const digits = doc.createElement('div')
  digits.textContent = formatDigitCode(digitCode(secret, card, step))
  digits.setAttribute(
    'style',
    'margin-top:12px;font:600 18px/1.5 Menlo,Consolas,monospace;letter-spacing:1px;color:#222',
  )
  const note = doc.createElement('div')
  note.textContent = '会员码 · 仅限本人出示，截图无效'
  box.append(qr, digits, note)
  doc.body.append(box)
  return true
}
