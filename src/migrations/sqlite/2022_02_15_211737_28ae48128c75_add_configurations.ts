import {notPorted} from '../helpers/not-ported.js'

export default notPorted("28ae48128c75", "7c91cb86dc4e", "Add the configurations table.")
