import { Button, Tag } from '@nutui/nutui-react-taro'
import Empty from '@/components/Empty'
import { Picker, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import FormField from '@/components/FormField'
import TextField from '@/components/TextField'
import { messageFor } from '@/constants/error-messages'
import { ROLE_LABELS } from '@/constants/labels'
import type { AuditEntryView } from '@/contracts/reports'
import type { Role } from '@/domain/member/roles'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { NO_FILTERS, useAuditLogStore, type AuditFilters } from '@/stores/audit-log.store'
import { AUDIT_ACTION_LABELS, auditActionText } from './audit-actions'
import './index.scss'

const ANY = '全部操作'
const ACTIONS = Object.keys(AUDIT_ACTION_LABELS)
const ACTION_NAMES = [ANY, ...ACTIONS.map((a) => AUDIT_ACTION_LABELS[a]!)]

const roleText = (role: string) => ROLE_LABELS[role as Role] ?? role
/** A stored before/after value, compact on one line (personal data is never in it, SPEC §9). */
const valueText = (value: unknown) =>
  value === null || value === undefined ? '—' : JSON.stringify(value)

function Entry(props: { entry: AuditEntryView; onActor(actorId: string): void }) {
  const e = props.entry
  return (
    <View className='audit-log__item' data-testid='audit-entry'>
      <View className='audit-log__title'>
        {auditActionText(e.action)} <Tag type='default'>{e.action}</Tag>
      </View>
      <View className='muted'>
        {formatShanghaiDateTime(e.at)} ·{' '}
        <View className='audit-log__actor' onClick={() => props.onActor(e.actorId)}>
          {e.actorName ?? e.actorId}（{roleText(e.actorRole)}）
        </View>
      </View>
      <View className='muted'>
        对象 {e.targetType}：{e.targetId}
      </View>
      {e.reason ? <View>原因：{e.reason}</View> : null}
      <View className='audit-log__change'>
        {valueText(e.before)} → {valueText(e.after)}
      </View>
    </View>
  )
}

/**
 * 审计日志 (admin): every privileged action's record (SPEC §1: who, what, when, before/after,
 * reason), newest first, filtered by who acted, member (card number or id), action and Shanghai
 * dates; 加载更多 for older ones. Tapping who acted filters by them.
 */
export default function AuditLogPage() {
  const store = useAuditLogStore()
  const [form, setForm] = useState<AuditFilters>(store.filters)
  const [errors, setErrors] = useState<Record<string, string>>({})

  const run = async (filters: AuditFilters) => {
    setForm(filters)
    const failure = await store.search(filters)
    setErrors(failure?.fields ?? {})
  }

  useDidShow(() => {
    void run(useAuditLogStore.getState().filters)
  })

  const set = (key: keyof AuditFilters) => (value: string) =>
    setForm((f) => ({ ...f, [key]: value }))
  const actionIndex = form.action ? ACTIONS.indexOf(form.action) + 1 : 0

  return (
    <View className='page audit-log'>
      <View className='panel'>
        <TextField
          name='member'
          label='会员'
          placeholder='会员卡号（12位）或会员编号'
          value={form.member}
          error={errors.member}
          maxlength={64}
          onChange={set('member')}
        />
        <TextField
          name='actorId'
          label='操作人编号'
          placeholder='点列表中的操作人可直接筛选'
          value={form.actorId}
          error={errors.actorId}
          maxlength={64}
          onChange={set('actorId')}
        />
        <FormField name='action' label='操作类型' error={errors.action}>
          <Picker
            mode='selector'
            range={ACTION_NAMES}
            value={actionIndex}
            onChange={(e) => set('action')(ACTIONS[Number(e.detail.value) - 1] ?? '')}
          >
            <View className='audit-log__picker'>{ACTION_NAMES[actionIndex]} ▾</View>
          </Picker>
        </FormField>
        <View className='audit-log__dates'>
          <FormField name='from' label='开始日期' error={errors.from}>
            <Picker
              mode='date'
              value={form.from}
              onChange={(e) => set('from')(String(e.detail.value))}
            >
              <View className='audit-log__picker'>{form.from || '不限'}</View>
            </Picker>
          </FormField>
          <FormField name='to' label='结束日期' error={errors.to}>
            <Picker mode='date' value={form.to} onChange={(e) => set('to')(String(e.detail.value))}>
              <View className='audit-log__picker'>{form.to || '不限'}</View>
            </Picker>
          </FormField>
        </View>
        <View className='audit-log__buttons'>
          <Button type='primary' loading={store.status === 'loading'} onClick={() => run(form)}>
            查询
          </Button>
          <Button onClick={() => run(NO_FILTERS)}>清空条件</Button>
        </View>
      </View>

      <View className='panel' data-testid='audit-list'>
        <View className='muted'>共 {store.total} 条，按时间从新到旧</View>
        {store.error && !store.error.fields ? (
          <View className='error-text'>{messageFor(store.error)}</View>
        ) : null}
        {store.items.length === 0 ? (
          <Empty description={store.status === 'loading' ? '加载中…' : '没有符合条件的记录'} />
        ) : (
          store.items.map((entry) => (
            <Entry
              key={entry.id}
              entry={entry}
              onActor={(actorId) => void run({ ...form, actorId })}
            />
          ))
        )}
        {store.items.length < store.total ? (
          <Button block loading={store.loadingMore} onClick={() => store.loadMore()}>
            加载更多
          </Button>
        ) : null}
      </View>
    </View>
  )
}
