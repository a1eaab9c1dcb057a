export default definePageConfig({ navigationBarTitleText: '接受员工邀请' })
