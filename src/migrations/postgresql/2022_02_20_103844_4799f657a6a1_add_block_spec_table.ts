import {notPorted} from '../helpers/not-ported.js'

export default notPorted("4799f657a6a1", "d9d98a9ebb6f", "Add block_spec table")
