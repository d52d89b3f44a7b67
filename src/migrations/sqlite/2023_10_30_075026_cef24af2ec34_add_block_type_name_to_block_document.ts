import {notPorted} from '../helpers/not-ported.js'

export default notPorted("cef24af2ec34", "f3165ae0a213", "Add block_type_name to block document")
