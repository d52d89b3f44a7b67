import {notPorted} from '../helpers/not-ported.js'

export default notPorted("8d148e44e669", "bfe42b7090d6", "Remove Artifact foreign keys")
