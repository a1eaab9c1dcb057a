import { Text, View } from '@tarojs/components'
import './index.scss'

/** Label–value rows, label muted on the left, value on the right: a record read back to its owner. */
export default function FactRows(props: { rows: readonly (readonly [string, string])[] }) {
  return (
    <>
      {props.rows.map(([label, value]) => (
        <View className='fact-rows__row' key={label}>
          <Text className='muted'>{label}</Text>
          <Text>{value}</Text>
        </View>
      ))}
    </>
  )
}
