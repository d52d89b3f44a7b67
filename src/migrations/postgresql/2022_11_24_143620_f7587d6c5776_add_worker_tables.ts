import {notPorted} from '../helpers/not-ported.js'

export default notPorted("f7587d6c5776", "5e4f924ff96c", "Add worker tables")
