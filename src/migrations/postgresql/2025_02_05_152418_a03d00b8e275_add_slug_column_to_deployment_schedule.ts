import {notPorted} from '../helpers/not-ported.js'

export default notPorted("a03d00b8e275", "c163acd7e8e3", "Add slug column to deployment_schedule")
