import {notPorted} from '../helpers/not-ported.js'

export default notPorted("a49711513ad4", "5952a5498b51", "Sync ORM models and migrations")
