import {notPorted} from '../helpers/not-ported.js'

export default notPorted("cef24af2ec34", "bfe653bbf62e", "Add block_type_name to block document")
