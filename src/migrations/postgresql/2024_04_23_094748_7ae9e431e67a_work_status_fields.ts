import {notPorted} from '../helpers/not-ported.js'

export default notPorted("7ae9e431e67a", "15768c2ec702", "Work status fields")
