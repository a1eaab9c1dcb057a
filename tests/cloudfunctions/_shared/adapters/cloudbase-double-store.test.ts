import { aDoubleBackedStore } from '../../../support/cloudbase/double-store'
import { describeStoreContract } from './store.contract'
import { describeSanctionRepositoryContract } from './sanction-repository.contract'
import { describeReportingContract } from './reporting.contract'
import { describeScenesContract } from './scenes.contract'
import { describePrivacyRepositoryContract } from './privacy-repository.contract'

const open = async () => aDoubleBackedStore()

describeStoreContract('cloudbase adapter, real node-sdk over the database double', open)
describeSanctionRepositoryContract(
  'cloudbase adapter, real node-sdk over the database double',
  open,
)
describeReportingContract('cloudbase adapter, real node-sdk over the database double', open)

describeScenesContract('cloudbase adapter, real node-sdk over the database double', open)
describePrivacyRepositoryContract('cloudbase adapter, real node-sdk over the database double', open)
