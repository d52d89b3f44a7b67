import {notPorted} from '../helpers/not-ported.js'

export default notPorted("22ef3915ccd8", "cef24af2ec34", "Index and backfill block_type_name")
