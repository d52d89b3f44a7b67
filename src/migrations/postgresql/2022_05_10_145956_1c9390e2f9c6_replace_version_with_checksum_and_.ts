import {notPorted} from '../helpers/not-ported.js'

export default notPorted("1c9390e2f9c6", "d38c5e6a9115", "Replace version with checksum and create block_type table")
