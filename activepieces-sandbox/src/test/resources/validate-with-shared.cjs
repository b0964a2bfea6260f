// Validates sandbox answers against the zod schemas of @activepieces/shared.
// Usage: node validate-with-shared.cjs <samples.json>, with @activepieces/shared resolvable from NODE_PATH.
// samples.json: {"<schema name>": [answer, ...], "SeekPage<<schema name>>": [page, ...],
//                "known": [{"schema", "path", "reason"}]}: issues at a known path of a schema, where
//                Activepieces' own server answers what its schema does not allow, are not failures.
// Prints one JSON line per answer that fails, naming the schema and zod's issues; exits 1 if any failed.
'use strict';
const fs = require('fs');
const shared = require('@activepieces/shared');

const samples = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const known = samples.known || [];
delete samples.known;
const isKnown = (name, issue) => known.some(k => k.schema === name && k.path === issue.path.join('.'));
let failures = 0;
let checked = 0;
for (const [name, answers] of Object.entries(samples)) {
  const page = /^SeekPage<(.+)>$/.exec(name);
  const schema = page ? shared.SeekPage(shared[page[1]]) : shared[name];
  if (!schema || typeof schema.safeParse !== 'function') {
    console.log(JSON.stringify({ schema: name, error: 'no such zod schema in @activepieces/shared' }));
    failures++;
    continue;
  }
  answers.forEach((answer, index) => {
    checked++;
    const result = schema.safeParse(answer);
    const issues = result.success ? [] : result.error.issues.filter(issue => !isKnown(name, issue));
    if (issues.length > 0) {
      failures++;
      console.log(JSON.stringify({ schema: name, index, issues }));
    }
  });
}
console.log(JSON.stringify({ checked, failures }));
process.exit(failures === 0 && checked > 0 ? 0 : 1);
