import {notPorted} from '../helpers/not-ported.js'

export default notPorted("60e428f92a75", "7737221bf8a4", "Expand deployment schema for improved ux")
