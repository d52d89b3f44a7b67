import {notPorted} from '../helpers/not-ported.js'

export default notPorted("4cdc2ba709a4", "813ddf14e2de", "Migrates block schemas with new secrets fields")
