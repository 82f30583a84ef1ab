// Parses X12 files with node-x12's strict parser, which refuses a file whose envelopes do not
// close (IEA02 = ISA13, GE02 = GS06, SE02 = ST02) or whose SE01 is not the transaction's
// segment count, and prints for each file the segments as the parser read them:
// {"file", "isa": [...], "gs": [...], "transactions": [{"segments": [[tag, e1, e2, …], …]}]}
// or {"file", "error": message}. Usage: node parse_837p.js MODULE_DIR FILE...
'use strict'
const fs = require('fs')
const path = require('path')

const { X12Parser } = require(path.join(process.argv[2], 'node-x12'))

function values (segment) {
  return [segment.tag, ...segment.elements.map((e) => e.value)]
}

const out = []
for (const file of process.argv.slice(3)) {
  try {
    const interchange = new X12Parser(true).parse(fs.readFileSync(file, 'utf8'))
    out.push({
      file,
      isa: values(interchange.header),
      iea: values(interchange.trailer),
      groups: interchange.functionalGroups.map((g) => ({
        gs: values(g.header),
        ge: values(g.trailer),
        transactions: g.transactions.map((t) => ({
          segments: [values(t.header), ...t.segments.map(values), values(t.trailer)]
        }))
      }))
    })
  } catch (e) {
    out.push({ file, error: String(e.message || e) })
  }
}
process.stdout.write(JSON.stringify(out))
