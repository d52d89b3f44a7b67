import {notPorted} from '../helpers/not-ported.js'

export default notPorted("4c4a6a138053", "28ae48128c75", "Rename block data table")
