import {notPorted} from '../helpers/not-ported.js'

export default notPorted("e2dae764a603", "3bd87ecdac38", "Migrates block schemas with new secrets fields")
