import { Empty as NutEmpty, type EmptyProps } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import './index.scss'

/**
 * NutUI's empty state with a picture of our own: NutUI's default image is loaded from JD's CDN
 * (storage.360buyimg.com), an outside address the H5 page's CSP refuses and a mini-program would
 * have to allow. A drawn box says "nothing here" just as well.
 */
export default function Empty(props: Partial<EmptyProps>) {
  return <NutEmpty image={<View className='club-empty__image' />} {...props} />
}
