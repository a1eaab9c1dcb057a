import { Button, Switch, Tag } from '@nutui/nutui-react-taro'
import Empty from '@/components/Empty'
import { Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import FormField from '@/components/FormField'
import TextField from '@/components/TextField'
import { messageFor } from '@/constants/error-messages'
import { formatFen } from '@/domain/points/money'
import type { RewardItem } from '@/domain/points/redemption'
import { formatShanghaiDateTime, shanghaiDate } from '@/domain/shared/calendar'
import {
  draftOf,
  emptyItemDraft,
  usePointsAdminStore,
  type ItemDraft,
} from '@/stores/points-admin.store'
import './index.scss'

/** When an item may be redeemed, as the admin set it (both ends at 0:00 Shanghai time). */
function windowText(item: RewardItem): string {
  const from = item.availableFrom ? formatShanghaiDateTime(item.availableFrom) : null
  const until = item.availableUntil ? formatShanghaiDateTime(item.availableUntil) : null
  if (from && until) return `兑换期：${from} 至 ${until}`
  if (from) return `兑换期：${from} 起`
  if (until) return `兑换期：即日起至 ${until}`
  return '兑换期：长期有效'
}

/** 商品管理 (admin): every reward, on offer or not; add one, or edit its price, stock and window. */
export default function CataloguePage() {
  const {
    items,
    itemsStatus,
    itemsError,
    saving,
    fieldErrors,
    loadItems,
    saveItem,
    clearFieldErrors,
  } = usePointsAdminStore()
  const [draft, setDraft] = useState<ItemDraft | null>(null)
  const [notice, setNotice] = useState('')

  useDidShow(() => {
    void loadItems()
  })

  const open = (next: ItemDraft) => {
    clearFieldErrors()
    setNotice('')
    setDraft(next)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
  }
  const close = () => {
    clearFieldErrors()
    setNotice('')
    setDraft(null)
  }
  const edit = (patch: Partial<ItemDraft>) => setDraft((d) => (d ? { ...d, ...patch } : d))

  const onSave = async () => {
    if (!draft) return
    const failure = await saveItem(draft)
    if (!failure) {
      close()
      await Taro.showToast({ title: '已保存', icon: 'success' })
      return
    }
    if (failure.code === 'SYS.CONFLICT' || failure.code === 'POINTS.ITEM_NOT_FOUND') {
      // The list was reloaded: start again from what is saved now rather than overwrite it.
      const fresh = usePointsAdminStore.getState().items.find((i) => i.id === draft.id)
      setDraft(fresh ? draftOf(fresh) : null)
      setNotice(
        fresh
          ? '该商品刚被他人修改，已载入最新内容，请核对后重新保存'
          : '该商品已不存在，列表已刷新',
      )
      return
    }
    await Taro.showToast({ title: messageFor(failure), icon: 'none' })
  }

  const today = shanghaiDate(new Date())
  const otherErrors = [fieldErrors._, fieldErrors.imageUrl, fieldErrors.id, fieldErrors.version]
    .filter(Boolean)
    .join('；')

  return (
    <View className='page catalogue'>
      {draft ? (
        <View className='panel' data-testid='item-form'>
          <View className='panel-title'>{draft.id ? '编辑商品' : '新增商品'}</View>
          {notice ? (
            <View className='error-text catalogue__notice' data-testid='save-notice'>
              {notice}
            </View>
          ) : null}
          <TextField
            name='name'
            label='商品名称'
            required
            error={fieldErrors.name}
            maxlength={30}
            placeholder='2–30个字，如 精品茶具'
            value={draft.name}
            onChange={(value) => edit({ name: value })}
          />
          <TextField
            name='pointsPrice'
            label='所需积分'
            required
            error={fieldErrors.pointsPrice}
            type='number'
            maxlength={7}
            placeholder='如 12000'
            value={draft.pointsPrice}
            onChange={(value) => edit({ pointsPrice: value })}
          />
          {Number(draft.pointsPrice) >= 10000 ? (
            <View className='muted catalogue__hint'>
              10000积分及以上的商品，会员需提前10天预约领取
            </View>
          ) : null}
          <TextField
            name='stock'
            label='库存'
            required
            error={fieldErrors.stock}
            type='number'
            maxlength={7}
            placeholder='如 3'
            value={draft.stock}
            onChange={(value) => edit({ stock: value })}
          />
          <TextField
            name='faceValueFen'
            label='代金券面值（元，选填；实物商品留空）'
            error={fieldErrors.faceValueFen}
            type='digit'
            maxlength={10}
            placeholder='如 20 或 19.90'
            value={draft.faceValueYuan}
            onChange={(value) => edit({ faceValueYuan: value })}
          />
          <FormField
            name='availableFrom'
            label='开始日期（当日0点起可兑换，选填）'
            error={fieldErrors.availableFrom}
          >
            <View className='catalogue__date-row'>
              <Picker
                mode='date'
                value={draft.availableFrom || today}
                onChange={(e) => edit({ availableFrom: String(e.detail.value) })}
              >
                <View className='catalogue__date'>{draft.availableFrom || '不限'} ▾</View>
              </Picker>
              {draft.availableFrom ? (
                <Text className='catalogue__clear' onClick={() => edit({ availableFrom: '' })}>
                  清除
                </Text>
              ) : null}
            </View>
          </FormField>
          <FormField
            name='availableUntil'
            label='结束日期（当日0点起停止兑换，选填）'
            error={fieldErrors.availableUntil}
          >
            <View className='catalogue__date-row'>
              <Picker
                mode='date'
                value={draft.availableUntil || draft.availableFrom || today}
                start={draft.availableFrom || undefined}
                onChange={(e) => edit({ availableUntil: String(e.detail.value) })}
              >
                <View className='catalogue__date'>{draft.availableUntil || '不限'} ▾</View>
              </Picker>
              {draft.availableUntil ? (
                <Text className='catalogue__clear' onClick={() => edit({ availableUntil: '' })}>
                  清除
                </Text>
              ) : null}
            </View>
          </FormField>
          <FormField name='active' label='上架状态' error={fieldErrors.active}>
            <View className='catalogue__switch'>
              <Switch checked={draft.active} onChange={(active) => edit({ active })} />
              <Text>{draft.active ? '上架（会员可兑换）' : '下架（会员不可见）'}</Text>
            </View>
          </FormField>
          {otherErrors ? <View className='error-text'>{otherErrors}</View> : null}
          <View className='catalogue__actions'>
            <Button type='primary' loading={saving} onClick={() => void onSave()}>
              保存
            </Button>
            <Button disabled={saving} onClick={close}>
              取消
            </Button>
          </View>
        </View>
      ) : (
        <Button type='primary' block onClick={() => open(emptyItemDraft())}>
          新增商品
        </Button>
      )}

      <View className='muted catalogue__total'>共 {items.length} 件商品</View>
      {itemsError ? <View className='error-text'>{messageFor(itemsError)}</View> : null}
      {itemsStatus === 'loading' ? <View className='muted'>加载中…</View> : null}
      {itemsStatus === 'ready' && items.length === 0 ? <Empty description='暂无商品' /> : null}
      {items.map((item) => (
        <View
          className='panel catalogue__item'
          key={item.id}
          data-testid='catalogue-item'
          data-name={item.name}
        >
          <View className='catalogue__info'>
            <View className='panel-title'>
              {item.name}
              <Tag type={item.active ? 'success' : 'default'}>{item.active ? '上架' : '下架'}</Tag>
            </View>
            <View className='catalogue__line'>
              <Text className='catalogue__price'>{item.pointsPrice} 积分</Text> · 库存 {item.stock}
              {item.faceValueFen !== null ? ` · 面值 ${formatFen(item.faceValueFen)}` : ' · 实物'}
            </View>
            <View className='muted'>{windowText(item)}</View>
          </View>
          <Button
            size='small'
            disabled={saving || draft?.id === item.id}
            onClick={() => open(draftOf(item))}
          >
            编辑
          </Button>
        </View>
      ))}
    </View>
  )
}
