import {notPorted} from '../helpers/not-ported.js'

export default notPorted("9c493c02ca6d", "cef24af2ec34", "Add trgm index to block_document.name")
