import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { photoSrc } from '@/stores/complaints.store'
import './index.scss'

/**
 * A row of complaint photos (storage ids) as thumbnails; a tap opens them full size. `links` are
 * the temporary links staff open CloudBase photos by (private storage); the uploader's own photos
 * and local ones show by id.
 */
export default function PhotoStrip(props: {
  photos: readonly string[]
  links?: Readonly<Record<string, string>>
  onRemove?(id: string): void
}) {
  if (props.photos.length === 0) return null
  const urls = props.photos.map((id) => props.links?.[id] ?? photoSrc(id))
  return (
    <View className='photo-strip' data-testid='photo-strip'>
      {props.photos.map((id, i) => (
        <View className='photo-strip__item' key={id}>
          <Image
            className='photo-strip__image'
            src={urls[i]!}
            mode='aspectFill'
            onClick={() => Taro.previewImage({ urls, current: urls[i]! })}
          />
          {props.onRemove ? (
            <Text className='photo-strip__remove' onClick={() => props.onRemove?.(id)}>
              ×
            </Text>
          ) : null}
        </View>
      ))}
    </View>
  )
}
