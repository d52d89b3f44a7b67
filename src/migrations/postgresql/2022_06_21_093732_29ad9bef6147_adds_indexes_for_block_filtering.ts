import {notPorted} from '../helpers/not-ported.js'

export default notPorted("29ad9bef6147", "d335ad57d5ba", "Adds indexes for block filtering")
