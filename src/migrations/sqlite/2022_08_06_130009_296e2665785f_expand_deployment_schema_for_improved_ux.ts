import {notPorted} from '../helpers/not-ported.js'

export default notPorted("296e2665785f", "53c19b31aa09", "Expand deployment schema for improved ux")
