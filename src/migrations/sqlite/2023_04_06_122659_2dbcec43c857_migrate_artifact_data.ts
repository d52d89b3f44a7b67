import {notPorted} from '../helpers/not-ported.js'

export default notPorted("2dbcec43c857", "3d46e23593d6", "Migrate artifact data to artifact_collection table")
