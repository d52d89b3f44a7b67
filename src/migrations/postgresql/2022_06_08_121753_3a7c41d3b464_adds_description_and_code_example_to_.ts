import {notPorted} from '../helpers/not-ported.js'

export default notPorted("3a7c41d3b464", "77ebcc9cf355", "Adds description and code example to block type")
