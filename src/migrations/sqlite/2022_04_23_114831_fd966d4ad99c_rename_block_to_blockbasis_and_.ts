import {notPorted} from '../helpers/not-ported.js'

export default notPorted("fd966d4ad99c", "db6bde582447", "Rename Block to BlockDocument and BlockSpec to BlockSchema")
