/**
 * The recognisable password every test uses, in URLs and in password settings. The CLI
 * helper checks that it never appears in anything the tool prints.
 */
export const TEST_PASSWORD = 'Tr0ub4dor-PW-5ecret'
