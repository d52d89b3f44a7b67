import {notPorted} from '../helpers/not-ported.js'

export default notPorted("cfdfec5d7557", "2a88656f4a23", "Remove Artifact foreign keys")
