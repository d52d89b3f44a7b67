import {notPorted} from '../helpers/not-ported.js'

export default notPorted("2fe6fe6ca16e", "724e6dcc6b5d", "Adds block schema references and block document references")
