import { Button, Tag } from '@nutui/nutui-react-taro'
import Empty from '@/components/Empty'
import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import FormField from '@/components/FormField'
import PhotoStrip from '@/components/PhotoStrip'
import { messageFor } from '@/constants/error-messages'
import { COMPLAINT_CATEGORY_LABELS } from '@/constants/labels'
import {
  COMPLAINT_CATEGORIES,
  MAX_COMPLAINT_PHOTOS,
  REPLY_TARGET_HOURS,
  type ComplaintCategory,
} from '@/domain/care/complaint'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { useComplaintsStore } from '@/stores/complaints.store'
import './index.scss'

/** 投诉与建议 (SPEC §8): file a complaint or suggestion with photos, read the staff answers. */
export default function ComplaintsPage() {
  const store = useComplaintsStore()
  const [category, setCategory] = useState<ComplaintCategory | null>(null)
  const [text, setText] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})

  useDidShow(() => {
    void store.load()
  })

  const onAddPhotos = async () => {
    const room = MAX_COMPLAINT_PHOTOS - store.photos.length
    if (room <= 0) return
    let chosen: { tempFilePaths: string[] }
    try {
      chosen = await Taro.chooseImage({
        count: room,
        sizeType: ['compressed'],
        sourceType: ['album', 'camera'],
      })
    } catch {
      return // the person closed the picker
    }
    const failure = await store.addPhotos(chosen.tempFilePaths)
    setErrors((e) => ({ ...e, photos: '' }))
    if (failure) {
      await Taro.showToast({ title: failure.fields?.photo ?? messageFor(failure), icon: 'none' })
    }
  }

  const onSubmit = async () => {
    const failure = await store.file({ category, text })
    setErrors(failure?.fields ?? {})
    if (failure?.fields) return
    if (!failure) {
      setText('')
      setCategory(null)
    }
    await Taro.showToast({
      title: failure ? messageFor(failure) : '已提交',
      icon: failure ? 'none' : 'success',
    })
  }

  if (store.status === 'error' && store.error && store.complaints.length === 0) {
    return <View className='page error-text'>{messageFor(store.error)}</View>
  }

  return (
    <View className='page complaints'>
      <View className='panel'>
        <View className='panel-title'>投诉与建议</View>
        <View className='muted'>
          我们将在{REPLY_TARGET_HOURS}小时内回复您，回复后会通过服务通知告知。
        </View>
        <FormField name='category' label='类别' error={errors.category} required>
          <View className='complaints__categories'>
            {COMPLAINT_CATEGORIES.map((c) => (
              <Text
                key={c}
                className={`complaints__category${category === c ? ' complaints__category--on' : ''}`}
                onClick={() => setCategory(c)}
              >
                {COMPLAINT_CATEGORY_LABELS[c]}
              </Text>
            ))}
          </View>
        </FormField>
        <FormField name='text' label='内容' error={errors.text} required>
          <Textarea
            className='field-input'
            name='text'
            value={text}
            maxlength={500}
            placeholder='请描述问题或建议（5–500字）'
            onInput={(e) => setText(e.detail.value)}
          />
        </FormField>
        <FormField
          name='photos'
          label={`图片（选填，最多${MAX_COMPLAINT_PHOTOS}张）`}
          error={errors.photos}
        >
          <PhotoStrip photos={store.photos} onRemove={store.removePhoto} />
          {store.photos.length < MAX_COMPLAINT_PHOTOS ? (
            <Button size='small' loading={store.uploading} onClick={onAddPhotos}>
              添加图片
            </Button>
          ) : null}
        </FormField>
        <Button
          type='primary'
          block
          loading={store.sending}
          disabled={store.uploading}
          onClick={onSubmit}
        >
          提交
        </Button>
      </View>

      <View className='panel' data-testid='my-complaints'>
        <View className='panel-title'>我的投诉与建议</View>
        {store.complaints.length === 0 ? (
          <Empty description={store.status === 'loading' ? '加载中…' : '还没有提交过'} />
        ) : (
          store.complaints.map((c) => (
            <View key={c.id} className='complaints__item' data-testid='complaint'>
              <View className='complaints__head'>
                <Tag type='primary'>{COMPLAINT_CATEGORY_LABELS[c.category]}</Tag>
                {c.answer === null ? (
                  <Tag type='warning'>待回复</Tag>
                ) : (
                  <Tag type='success'>已回复</Tag>
                )}
                <Text className='muted'>{formatShanghaiDateTime(c.createdAt)}</Text>
              </View>
              <View className='complaints__text'>{c.text}</View>
              <PhotoStrip photos={c.photos} />
              {c.answer !== null && c.answeredAt ? (
                <View className='complaints__answer'>
                  <View>回复：{c.answer}</View>
                  <View className='muted'>回复时间 {formatShanghaiDateTime(c.answeredAt)}</View>
                </View>
              ) : null}
            </View>
          ))
        )}
      </View>
    </View>
  )
}
