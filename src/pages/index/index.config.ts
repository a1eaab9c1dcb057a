export default definePageConfig({ navigationBarTitleText: '零售客户俱乐部' })
