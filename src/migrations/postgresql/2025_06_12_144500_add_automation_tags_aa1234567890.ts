import {notPorted} from '../helpers/not-ported.js'

export default notPorted("aa1234567890", "1c9bb7f78263", "Add tags column to automation table")
