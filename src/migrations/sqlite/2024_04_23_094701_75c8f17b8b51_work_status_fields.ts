import {notPorted} from '../helpers/not-ported.js'

export default notPorted("75c8f17b8b51", "824e9edafa60", "Work status fields")
