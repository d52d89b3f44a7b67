import {notPorted} from '../helpers/not-ported.js'

export default notPorted("cdcb4018dd0e", "2fe6fe6ca16e", "Rename run alerts to run notifications")
