import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import './index.scss'

/** A labelled form row with its field-level error under it. */
export default function FormField(props: {
  label: string
  name: string
  error?: string
  required?: boolean
  children: ReactNode
}) {
  return (
    <View
      className={`form-field${props.error ? ' form-field--error' : ''}`}
      data-field={props.name}
    >
      <View className='form-field__label'>
        {props.required ? <Text className='form-field__required'>*</Text> : null}
        {props.label}
      </View>
      <View className='form-field__control'>{props.children}</View>
      {props.error ? (
        <View className='form-field__error' data-testid={`error-${props.name}`}>
          {props.error}
        </View>
      ) : null}
    </View>
  )
}
