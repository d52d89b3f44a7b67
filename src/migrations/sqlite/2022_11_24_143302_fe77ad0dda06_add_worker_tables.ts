import {notPorted} from '../helpers/not-ported.js'

export default notPorted("fe77ad0dda06", "7201de756d85", "Add worker tables")
