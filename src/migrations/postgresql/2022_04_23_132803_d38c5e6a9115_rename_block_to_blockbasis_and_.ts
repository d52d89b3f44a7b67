import {notPorted} from '../helpers/not-ported.js'

export default notPorted("d38c5e6a9115", "14dc68cc5853", "Rename Block to BlockDocument and BlockSpec to BlockSchema")
