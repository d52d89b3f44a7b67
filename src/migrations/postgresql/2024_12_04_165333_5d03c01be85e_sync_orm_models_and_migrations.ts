import {notPorted} from '../helpers/not-ported.js'

export default notPorted("5d03c01be85e", "68a44144428d", "Sync ORM models and migrations")
