import {notPorted} from '../helpers/not-ported.js'

export default notPorted("67f886da208e", "a49711513ad4", "Add parameters column to deployment schedules")
