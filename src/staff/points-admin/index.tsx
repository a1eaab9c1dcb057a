import { Button, Tag } from '@nutui/nutui-react-taro'
import Empty from '@/components/Empty'
import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import FormField from '@/components/FormField'
import TextField from '@/components/TextField'
import { messageFor } from '@/constants/error-messages'
import { ENTRY_LABEL_LABELS, ENTRY_TYPE_LABELS } from '@/constants/labels'
import type { JobProgress } from '@/contracts/jobs.contract'
import type { LedgerEntryView } from '@/contracts/points.contract'
import { formatCardNumber } from '@/domain/card/card-number'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { usePointsAdminStore, type AdjustDraft } from '@/stores/points-admin.store'
import './index.scss'

const RUN_STATUS: Record<
  JobProgress['status'],
  { text: string; tag: 'default' | 'warning' | 'success' }
> = {
  idle: { text: '今日未执行', tag: 'default' },
  running: { text: '执行中', tag: 'warning' },
  done: { text: '今日已完成', tag: 'success' },
}

const signed = (points: number) => (points > 0 ? `+${points}` : String(points))

/** What the entry refers to, where a person can use it: the voucher issued, the till receipt. */
function referenceText(entry: LedgerEntryView): string | null {
  if (entry.type === 'redeem') return `兑换券 ${entry.reference}`
  if (entry.type === 'earn' && entry.label === 'purchase' && !entry.reference.includes(':'))
    return `小票 ${entry.reference}`
  return null
}

const emptyAdjust = (): AdjustDraft => ({ cardNo: '', points: '', reason: '' })

/**
 * 积分管理 (admin): today's points expiry run, a member's ledger by card number with reversals
 * (冲正) of wrong entries, and corrections by hand (手动调整), each with a reason.
 */
export default function PointsAdminPage() {
  const {
    progress,
    progressError,
    running,
    loadProgress,
    runExpiry,
    ledger,
    ledgerStatus,
    ledgerError,
    loadingMoreLedger,
    findLedger,
    loadMoreLedger,
    adjusting,
    reversingId,
    adjust,
    reverse,
  } = usePointsAdminStore()
  const [lookupCardNo, setLookupCardNo] = useState('')
  const [draft, setDraft] = useState<AdjustDraft>(emptyAdjust())
  const [adjustErrors, setAdjustErrors] = useState<Record<string, string>>({})
  const [reversing, setReversing] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState('')

  useDidShow(() => {
    void loadProgress()
  })

  const onRun = async () => {
    const failure = await runExpiry()
    const after = usePointsAdminStore.getState().progress
    await Taro.showToast({
      title: failure
        ? messageFor(failure)
        : after?.status === 'done'
          ? '今日过期任务已完成'
          : '本次未执行完，请再次执行',
      icon: failure || after?.status !== 'done' ? 'none' : 'success',
    })
  }

  const onAdjust = async () => {
    const failure = await adjust(draft)
    setAdjustErrors(failure?.fields ?? {})
    if (failure) {
      await Taro.showToast({ title: messageFor(failure), icon: 'none' })
      return
    }
    const outcome = usePointsAdminStore.getState().lastAdjustment
    setLookupCardNo(draft.cardNo)
    setDraft(emptyAdjust())
    await Taro.showToast({ title: `已调整，余额 ${outcome?.balance ?? '—'}`, icon: 'success' })
  }

  const startReverse = (entryId: string) => {
    setReversing(entryId)
    setReason('')
    setReasonError('')
  }

  const onReverse = async (entryId: string) => {
    const failure = await reverse(entryId, reason)
    if (failure?.fields?.reason) {
      setReasonError(failure.fields.reason)
      return
    }
    setReversing(null)
    setReason('')
    await Taro.showToast({
      title: failure ? messageFor(failure) : '已冲正',
      icon: failure ? 'none' : 'success',
    })
  }

  const status = progress ? RUN_STATUS[progress.status] : null
  // Entries whose reversal is on the page, to say so next to them.
  const reversedIds = new Set(
    (ledger?.entries ?? []).filter((e) => e.type === 'reverse').map((e) => e.reference),
  )
  const lookupFieldError = ledgerError?.fields?.cardNo

  return (
    <View className='page points-admin'>
      <View className='panel' data-testid='expiry'>
        <View className='panel-title'>
          积分过期任务
          {status ? <Tag type={status.tag}>{status.text}</Tag> : null}
        </View>
        <View className='muted points-admin__status'>
          每日自动执行；到期未用的积分将扣除，并提醒30天内将到期的会员。同一天重复执行不会重复扣减。
        </View>
        {progress ? (
          <View data-testid='expiry-progress'>
            <View className='points-admin__stats'>
              {[
                ['已处理会员', `${progress.processed} / ${progress.total}`],
                ['已过期积分', String(progress.totals.expiredPoints ?? 0)],
                ['积分过期的会员', String(progress.totals.expiredAccounts ?? 0)],
                ['到期提醒', `${progress.totals.warnings ?? 0} 条`],
              ].map(([title, value]) => (
                <View className='points-admin__stat' key={title}>
                  <View className='points-admin__stat-value'>{value}</View>
                  <View className='muted'>{title}</View>
                </View>
              ))}
            </View>
            {progress.startedAt ? (
              <View className='muted'>
                开始于 {formatShanghaiDateTime(progress.startedAt)}
                {progress.finishedAt
                  ? `，完成于 ${formatShanghaiDateTime(progress.finishedAt)}`
                  : ''}
              </View>
            ) : null}
          </View>
        ) : null}
        {progressError ? <View className='error-text'>{messageFor(progressError)}</View> : null}
        <View className='points-admin__row'>
          <Button
            type={progress?.status === 'done' ? 'default' : 'primary'}
            block
            loading={running}
            disabled={progress?.status === 'done'}
            onClick={() => void onRun()}
          >
            {progress?.status === 'done' ? '今日已完成' : '立即执行'}
          </Button>
        </View>
      </View>

      <View className='panel'>
        <View className='panel-title'>手动调整</View>
        <TextField
          name='adjustCardNo'
          label='会员卡号'
          required
          error={adjustErrors.cardNo}
          type='number'
          maxlength={14}
          placeholder='12位会员卡号'
          value={draft.cardNo}
          onChange={(value) => setDraft((d) => ({ ...d, cardNo: value }))}
        />
        <TextField
          name='adjustPoints'
          label='调整积分（增加填正数，扣减填负数）'
          required
          error={adjustErrors.points}
          maxlength={8}
          placeholder='如 50 或 -30'
          value={draft.points}
          onChange={(value) => setDraft((d) => ({ ...d, points: value }))}
        />
        <FormField
          name='adjustReason'
          label='原因（2–200字，记入流水）'
          required
          error={adjustErrors.reason}
        >
          <Textarea
            className='points-admin__reason'
            maxlength={200}
            placeholder='如 补录漏积分'
            value={draft.reason}
            onInput={(e) => setDraft((d) => ({ ...d, reason: e.detail.value }))}
          />
        </FormField>
        <View className='points-admin__row'>
          <Button type='primary' block loading={adjusting} onClick={() => void onAdjust()}>
            确认调整
          </Button>
        </View>
      </View>

      <View className='panel' data-testid='ledger'>
        <View className='panel-title'>会员积分流水</View>
        <TextField
          name='ledgerCardNo'
          label='会员卡号'
          error={lookupFieldError}
          type='number'
          maxlength={14}
          placeholder='输入12位卡号查询'
          value={lookupCardNo}
          onChange={(value) => setLookupCardNo(value)}
        />
        <View className='points-admin__row'>
          <Button
            size='small'
            type='primary'
            loading={ledgerStatus === 'loading'}
            onClick={() => void findLedger(lookupCardNo)}
          >
            查询流水
          </Button>
        </View>
        {ledgerError && !lookupFieldError ? (
          <View className='error-text'>{messageFor(ledgerError)}</View>
        ) : null}

        {ledger ? (
          <View data-testid='ledger-cardholder' className='points-admin__cardholder'>
            {ledger.cardholder.realName} · {formatCardNumber(ledger.cardholder.cardNo)} · 可用积分{' '}
            <Text className='points-admin__balance' data-testid='ledger-balance'>
              {ledger.cardholder.balance}
            </Text>
          </View>
        ) : null}
        {ledger && ledger.entries.length === 0 ? <Empty description='暂无积分记录' /> : null}
        {ledger?.entries.map((entry) => {
          const reference = referenceText(entry)
          return (
            <View
              className='points-admin__entry'
              key={entry.id}
              data-testid='ledger-entry'
              data-type={entry.type}
            >
              <View className='points-admin__entry-head'>
                <View className='points-admin__entry-title'>
                  <Tag type={entry.type === 'reverse' ? 'warning' : 'primary'} plain>
                    {ENTRY_TYPE_LABELS[entry.type]}
                  </Tag>
                  {ENTRY_LABEL_LABELS[entry.label]}
                </View>
                <Text
                  className={`points-admin__points points-admin__points--${entry.points > 0 ? 'plus' : 'minus'}`}
                >
                  {signed(entry.points)}
                </Text>
              </View>
              {entry.note ? <View className='points-admin__note'>原因：{entry.note}</View> : null}
              <View className='points-admin__entry-foot'>
                <View className='muted'>
                  {formatShanghaiDateTime(entry.at)}
                  {reference ? ` · ${reference}` : ''}
                </View>
                {reversedIds.has(entry.id) ? <View className='muted'>已冲正</View> : null}
                {entry.reversible && reversing !== entry.id ? (
                  <Button
                    size='small'
                    disabled={reversingId !== null}
                    onClick={() => startReverse(entry.id)}
                  >
                    冲正
                  </Button>
                ) : null}
              </View>
              {reversing === entry.id ? (
                <View data-testid='reverse-form'>
                  <Textarea
                    className='points-admin__reason'
                    maxlength={200}
                    placeholder='请填写冲正原因（2–200字）'
                    value={reason}
                    onInput={(e) => {
                      setReason(e.detail.value)
                      setReasonError('')
                    }}
                  />
                  {reasonError ? (
                    <View className='error-text' data-testid='error-reason'>
                      {reasonError}
                    </View>
                  ) : null}
                  <View className='points-admin__row'>
                    <Button
                      type='primary'
                      size='small'
                      loading={reversingId === entry.id}
                      onClick={() => void onReverse(entry.id)}
                    >
                      确认冲正 {signed(-entry.points)}
                    </Button>
                    <Button size='small' onClick={() => setReversing(null)}>
                      取消
                    </Button>
                  </View>
                </View>
              ) : null}
            </View>
          )
        })}
        {ledger && ledger.entries.length < ledger.total ? (
          <View className='points-admin__more'>
            <Button
              block
              size='small'
              loading={loadingMoreLedger}
              onClick={() => void loadMoreLedger()}
            >
              加载更多（{ledger.entries.length}/{ledger.total}）
            </Button>
          </View>
        ) : null}
      </View>
    </View>
  )
}
