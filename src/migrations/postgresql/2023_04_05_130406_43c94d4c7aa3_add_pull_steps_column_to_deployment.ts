import {notPorted} from '../helpers/not-ported.js'

export default notPorted("43c94d4c7aa3", "6a1eb3d442e4", "Add pull steps column to deployment")
