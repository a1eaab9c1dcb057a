import { Button, Tag } from '@nutui/nutui-react-taro'
import Empty from '@/components/Empty'
import { Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import FormField from '@/components/FormField'
import { messageFor } from '@/constants/error-messages'
import { formatShanghaiDateTime } from '@/domain/shared/calendar'
import { useStarStore } from '@/stores/star.store'

/** 俱乐部建议箱 (club members): write a suggestion, read the staff answers. */
export default function SuggestionsPage() {
  const { suggestions, suggestionsStatus, suggestionsError, sending, loadSuggestions, suggest } =
    useStarStore()
  const [text, setText] = useState('')
  const [textError, setTextError] = useState('')

  useDidShow(() => {
    void loadSuggestions()
  })

  const onSend = async () => {
    const failure = await suggest(text)
    setTextError(failure?.fields?.text ?? '')
    if (failure?.fields?.text) return
    if (!failure) setText('')
    await Taro.showToast({
      title: failure ? messageFor(failure) : '已提交，我们会尽快答复',
      icon: failure ? 'none' : 'success',
    })
  }

  if (suggestionsStatus === 'error' && suggestionsError) {
    return <View className='page error-text'>{messageFor(suggestionsError)}</View>
  }

  return (
    <View className='page'>
      <View className='panel'>
        <View className='panel-title'>写建议</View>
        <FormField name='text' label='建议内容' error={textError} required>
          <Textarea
            className='field-input'
            name='text'
            value={text}
            maxlength={500}
            placeholder='对俱乐部活动、服务的意见和建议（5–500字）'
            onInput={(e) => setText(e.detail.value)}
          />
        </FormField>
        <Button type='primary' block loading={sending} onClick={onSend}>
          提交建议
        </Button>
      </View>
      <View className='panel' data-testid='my-suggestions'>
        <View className='panel-title'>我的建议</View>
        {suggestions.length === 0 ? (
          <Empty description={suggestionsStatus === 'loading' ? '加载中…' : '还没有建议'} />
        ) : (
          suggestions.map((s) => (
            <View key={s.id} className='suggestion' style={{ marginBottom: '24px' }}>
              <View className='muted'>{formatShanghaiDateTime(s.createdAt)}</View>
              <View>{s.text}</View>
              {s.answer ? (
                <View>
                  <Tag type='success'>已答复</Tag> {s.answer}
                </View>
              ) : (
                <Tag type='warning'>待答复</Tag>
              )}
            </View>
          ))
        )}
      </View>
    </View>
  )
}
