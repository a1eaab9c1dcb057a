import { Button, Checkbox, Tag } from '@nutui/nutui-react-taro'
import { Picker, Text, View } from '@tarojs/components'
import { useState } from 'react'
import TextField from '@/components/TextField'
import { messageFor } from '@/constants/error-messages'
import {
  CATEGORY_LABELS,
  CLUB_STATE_LABELS,
  MEMBER_STATUS_LABELS,
  starText,
} from '@/constants/labels'
import { formatCardNumber } from '@/domain/card/card-number'
import { formatFen } from '@/domain/points/money'
import { PURCHASE_CATEGORIES } from '@/domain/points/purchase'
import { useCounterStore, type DraftLine } from '@/stores/counter.store'
import { canScan, scanQrCode } from '@/components/CameraScanner'
import './index.scss'

const CATEGORY_NAMES = PURCHASE_CATEGORIES.map((c) => CATEGORY_LABELS[c])
const firstLine = (): DraftLine => ({ category: 'tobacco', yuan: '' })

/**
 * 门店收银 (clerk): the member shows their card, the clerk finds them, records what was paid and
 * which vouchers were used; points are credited at once. Also hands rewards over against vouchers.
 */
export default function CounterPage() {
  const {
    cardholder,
    looking,
    sending,
    fieldErrors,
    error,
    lastDone,
    verifyCode,
    recordPurchase,
    markVoucherUsed,
    reset,
  } = useCounterStore()
  const [code, setCode] = useState('')

  /** The camera scanner (WeChat's, or the browser's camera); the text of the QR is the member code. */
  const onScan = async () => {
    const scanned = await scanQrCode()
    if (!scanned) return
    setCode(scanned)
    await verifyCode(scanned)
  }
  const [lines, setLines] = useState<DraftLine[]>([firstLine()])
  const [vouchers, setVouchers] = useState<string[]>([])
  const [receiptNo, setReceiptNo] = useState('')
  const [voucherCode, setVoucherCode] = useState('')

  const setLine = (i: number, patch: Partial<DraftLine>) =>
    setLines((all) => all.map((line, j) => (j === i ? { ...line, ...patch } : line)))

  const [voucherError, setVoucherError] = useState<string | null>(null)

  /** Back to "scan the next member": the form emptied for whoever comes next. */
  const clearForNext = () => {
    setCode('')
    setLines([firstLine()])
    setVouchers([])
    setReceiptNo('')
    setVoucherCode('')
    setVoucherError(null)
  }

  const onRecord = async () => {
    if (await recordPurchase({ lines, voucherCodes: vouchers, receiptNo })) clearForNext()
  }

  const onUseVoucher = async () => {
    const outcome = await markVoucherUsed(voucherCode)
    if ('error' in outcome) setVoucherError(messageFor(outcome.error))
    else clearForNext()
  }

  /** A refusal not tied to one field, said once below the form it belongs to. */
  const generalError = error && Object.keys(fieldErrors).length === 0 ? messageFor(error) : null

  return (
    <View className='page counter'>
      <View className='panel'>
        <TextField
          name='code'
          label='会员码'
          error={fieldErrors.code}
          maxlength={80}
          placeholder='扫描会员码，或输入二维码下方的22位数字'
          value={code}
          onChange={(value) => setCode(value)}
        />
        <View className='counter__row'>
          {canScan() ? (
            <Button type='primary' size='small' loading={looking} onClick={() => void onScan()}>
              扫码
            </Button>
          ) : null}
          <Button
            type='primary'
            size='small'
            loading={looking}
            onClick={() => void verifyCode(code)}
          >
            核验会员码
          </Button>
          {cardholder ? (
            <Button
              size='small'
              onClick={() => {
                reset()
                clearForNext()
              }}
            >
              下一位
            </Button>
          ) : null}
        </View>
        {generalError && !cardholder ? (
          <View className='error-text' data-testid='verify-error'>
            {generalError}
          </View>
        ) : null}
      </View>

      {lastDone && !cardholder ? (
        <View className='panel counter__done' data-testid='last-done'>
          <View className='muted'>上一位 · {formatCardNumber(lastDone.cardNo)}</View>
          <View className='counter__done-name'>{lastDone.realName}</View>
          {lastDone.kind === 'purchase' ? (
            <View data-testid='last-purchase'>
              {lastDone.outcome.points > 0
                ? `已积 +${lastDone.outcome.points} 分${lastDone.outcome.birthday ? '（生日双倍）' : ''}`
                : `已记录消费，${lastDone.outcome.note ?? '本次未产生积分'}`}
              ，积分余额 {lastDone.outcome.balance}
            </View>
          ) : (
            <View data-testid='last-voucher'>已核销 {lastDone.itemName}</View>
          )}
          <View className='muted'>请扫描下一位会员的会员码</View>
        </View>
      ) : null}

      {cardholder ? (
        <View className='panel' data-testid='cardholder'>
          <View className='counter__name' data-testid='cardholder-name'>
            {cardholder.realName}
            <Tag type={cardholder.status === 'active' ? 'success' : 'danger'}>
              {MEMBER_STATUS_LABELS[cardholder.status]}
            </Tag>
          </View>
          <View className='muted'>
            {formatCardNumber(cardholder.cardNo)} · {cardholder.mobileMasked} ·{' '}
            {starText(cardholder.star)} ·{' '}
            <Text data-testid='cardholder-club'>{CLUB_STATE_LABELS[cardholder.clubState]}</Text>
          </View>
          <View className='counter__balance'>
            可用积分 <Text data-testid='cardholder-balance'>{cardholder.balance}</Text>
          </View>
        </View>
      ) : null}

      {cardholder ? (
        <View className='panel'>
          <View className='panel-title'>录入消费</View>
          {lines.map((line, i) => (
            <View className='counter__line' key={i}>
              <Picker
                mode='selector'
                range={CATEGORY_NAMES}
                value={PURCHASE_CATEGORIES.indexOf(line.category)}
                onChange={(e) =>
                  setLine(i, { category: PURCHASE_CATEGORIES[Number(e.detail.value)] ?? 'other' })
                }
              >
                <View className='counter__category'>{CATEGORY_LABELS[line.category]} ▾</View>
              </Picker>
              <TextField
                name={`lines.${i}.amountFen`}
                label='实付金额（元）'
                error={fieldErrors[`lines.${i}.amountFen`]}
                type='digit'
                placeholder='如 128.50'
                value={line.yuan}
                onChange={(value) => setLine(i, { yuan: value })}
              />
            </View>
          ))}
          <View className='counter__row'>
            <Button size='small' onClick={() => setLines((all) => [...all, firstLine()])}>
              添加一行
            </Button>
            {lines.length > 1 ? (
              <Button size='small' onClick={() => setLines((all) => all.slice(0, -1))}>
                删除末行
              </Button>
            ) : null}
          </View>
          {cardholder.usableVouchers.some((v) => v.faceValueFen !== null) ? (
            <View className='counter__vouchers'>
              <View className='muted'>本次使用的代金券（该部分不积分）</View>
              {cardholder.usableVouchers
                .filter((v) => v.faceValueFen !== null)
                .map((v) => (
                  <Checkbox
                    key={v.code}
                    checked={vouchers.includes(v.code)}
                    onChange={(checked) =>
                      setVouchers((all) =>
                        checked ? [...all, v.code] : all.filter((c) => c !== v.code),
                      )
                    }
                    label={`${v.itemName} ${formatFen(v.faceValueFen ?? 0)} · ${v.code}`}
                  />
                ))}
            </View>
          ) : null}
          <TextField
            name='receiptNo'
            label='小票号（选填）'
            error={fieldErrors.receiptNo}
            maxlength={40}
            value={receiptNo}
            onChange={(value) => setReceiptNo(value)}
          />
          {fieldErrors.lines ? <View className='error-text'>{fieldErrors.lines}</View> : null}
          {generalError ? (
            <View className='error-text' data-testid='purchase-error'>
              {generalError}
            </View>
          ) : null}
          <Button type='primary' block loading={sending} onClick={() => void onRecord()}>
            确认并积分
          </Button>
        </View>
      ) : null}

      {cardholder ? (
        <View className='panel'>
          <View className='panel-title'>兑换券核销（{cardholder.realName}）</View>
          <TextField
            name='voucherCode'
            label='兑换券号'
            maxlength={10}
            placeholder='该会员的兑换券，V开头的10位券号'
            value={voucherCode}
            error={voucherError ?? undefined}
            onChange={(value) => {
              setVoucherCode(value)
              setVoucherError(null)
            }}
          />
          <Button size='small' onClick={() => void onUseVoucher()}>
            核销
          </Button>
        </View>
      ) : null}
    </View>
  )
}
