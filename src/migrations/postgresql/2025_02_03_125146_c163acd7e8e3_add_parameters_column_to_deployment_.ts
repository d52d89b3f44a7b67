import {notPorted} from '../helpers/not-ported.js'

export default notPorted("c163acd7e8e3", "5d03c01be85e", "Add parameters column to deployment schedules")
