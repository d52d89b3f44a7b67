import assert from 'node:assert/strict'

import {adminQuery} from '../harness/databases.js'
import {jsonbText} from '../../src/copy/jsonb-text.js'

/**
 * The copy hashes a jsonb column as the server prints it, and the source's JSON as jsonbText()
 * says the server will print it: the two must agree on every document PostgreSQL accepts.
 */
const DOCUMENTS = [
  '{}', '[]', 'null', 'true', 'false', '0', '-0', '-0.0', '1', '1.0', '1.50', '100', '1e2', '1E+2', '1.5e3', '1.25e1', '12.5e-1', '1e-7', '1.5E-3',
  '-12.340e1', '0.000', '123456789012345678901234567890', '3.141592653589793238462643383279', '2e-20', '7E20', '0e5', '0.0e-3',
  '"text"', '""', '"quote \\" back \\\\ slash \\/ solidus"', '"\\b\\f\\n\\r\\t"', '"\\u00e9\\u00E9 é 😀 \\ud83d\\ude00"', '"\\u001f\\u007f\\u0080"',
  '{"b": 1, "a": 2}', '{"aa": 1, "b": 2, "ccc": 3, "a": 4}', '{"a": 1, "a": 2}', '{"é": 1, "z": 2, "e": 3, "ü": 4, "日本": 5, "ab": 6}',
  ' { "nested" : { "deep" : [ 1 , { "x" : [ ] , "y" : { } } ] } , "list" : [ 1.0 , -2.50 , 3e1 ] } ',
  '{"z":[1,2.5,null,true,false,"ü😀\\n\\"q\\"\\\\",{"deep":{"deeper":[[]]}}],"a":{},"m":-0.25,"big":12345678901234}',
  '[{"prefect.resource.id": "prefect.flow-run.1", "prefect.resource.role": "flow"}, {"k": "\\u0001"}]',
  '{"\\u0061": 1, "a ": 2, "A": 3, "_": 4, "~": 5, "\\u00ff": 6, "\\uffff": 7}',
]

describe('jsonbText: JSON as PostgreSQL jsonb prints it', () => {
  it('agrees with the server on every document of the corpus', async () => {
    const rows = await adminQuery<{doc: string; out: string}>('select doc, doc::jsonb::text as out from unnest($1::text[]) as doc', [DOCUMENTS])
    for (const row of rows) assert.equal(jsonbText(row.doc), row.out, row.doc)
  })

  it('refuses what jsonb refuses', () => {
    for (const bad of ['', '{', '[1,]', '{"a" 1}', '01', '1.', '.5', '+1', 'NaN', '"\\u0000"', '"tab\tinside"', '"\\ud800"', '{"a": 1} x', "'single'"]) {
      assert.throws(() => jsonbText(bad), SyntaxError, bad)
    }
  })
})
