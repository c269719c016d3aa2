// The inputs of `cargo xtask conform`: for every operation of a description,
// CALLS sets of schema-valid request values (parameters by location and name,
// the body), made by json-schema-faker as Prism makes its answers, and the
// credentials its security requirement asks for.
//
//   node inputs.mjs SPEC.json CALLS SEED > inputs.json
//
// An operation's key is its operationId, or `METHOD /path` (the query a path
// key carries kept only where it is literal), as the exerciser names it.

import { readFileSync } from "node:fs";
import $RefParser from "@stoplight/json-schema-ref-parser";
import jsf from "json-schema-faker";

const [specPath, callsText, seedText] = process.argv.slice(2);
const calls = Number(callsText ?? 5);
// JSON: `cargo xtask conform` hands over YAML descriptions as JSON.
const raw = JSON.parse(readFileSync(specPath, "utf8"));

// A seeded generator, so that a run can be repeated.
let state = Number(seedText ?? 1) >>> 0 || 1;
function random() {
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state / 4294967296;
}
jsf.option({
  random,
  alwaysFakeOptionals: true,
  optionalsProbability: 1,
  fillProperties: false,
  failOnInvalidTypes: false,
  failOnInvalidFormat: false,
  ignoreMissingRefs: true,
  maxItems: 3,
  useExamplesValue: false,
  useDefaultValue: false,
});

// Formats json-schema-faker does not make as Prism's validator (ajv-formats)
// reads them.
jsf.format("uri", () => `https://example.com/${Math.floor(random() * 1e6)}`);
jsf.format("url", () => `https://example.com/${Math.floor(random() * 1e6)}`);
jsf.format("uri-reference", () => `/items/${Math.floor(random() * 1e6)}`);
jsf.format("byte", () => Buffer.from(String(random())).toString("base64"));
// Inside JSON (and the SDK's models of form fields) bytes travel as base64.
jsf.format("binary", () => Buffer.from(String(random())).toString("base64"));

const doc = await $RefParser.dereference(raw, { dereference: { circular: "ignore" } });
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

// OpenAPI 3.0's `nullable` and 3.1's type lists are JSON Schema's own for jsf;
// a request carries no `readOnly` property.
function forRequest(schema, seen = new Set()) {
  if (!schema || typeof schema !== "object" || seen.has(schema)) return schema;
  seen.add(schema);
  const copy = Array.isArray(schema) ? [] : {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "properties" && value && typeof value === "object") {
      copy.properties = {};
      for (const [name, property] of Object.entries(value)) {
        if (property && property.readOnly) {
          (copy.readOnlyNames ??= []).push(name);
          continue;
        }
        copy.properties[name] = forRequest(property, seen);
      }
    } else if (["example", "examples", "default", "enum", "const"].includes(key)) {
      copy[key] = value;
    } else {
      copy[key] = forRequest(value, seen);
    }
  }
  // A required property the schema does not declare (a description's slip)
  // is still required: any text will do.
  if (Array.isArray(copy.required) && copy.properties) {
    for (const name of copy.required) {
      if (!(name in copy.properties) && !(copy.readOnlyNames ?? []).includes(name))
        copy.properties[name] = { type: "string" };
    }
  }
  if (Array.isArray(copy.required) && copy.readOnlyNames) {
    copy.required = copy.required.filter((name) => !copy.readOnlyNames.includes(name));
  }
  delete copy.readOnlyNames;
  // json-schema-faker leaves out an `anyOf`/`oneOf` beside `properties`
  // (`status: completed` requires `conclusion`): its first alternative is
  // made part of the object.
  for (const keyword of ["anyOf", "oneOf"]) {
    if (copy.properties && Array.isArray(copy[keyword]) && copy[keyword].length > 0) {
      copy.allOf = [...(copy.allOf ?? []), copy[keyword][0]];
      delete copy[keyword];
    }
  }
  return copy;
}

function sample(schema) {
  if (!schema) return "x";
  try {
    return jsf.generate(forRequest(schema));
  } catch (error) {
    return schema.example ?? schema.default ?? "x";
  }
}

function credentials(operation) {
  const requirements = operation.security ?? doc.security ?? [];
  const schemes = doc.components?.securitySchemes ?? {};
  const out = { header: {}, query: {}, cookie: {} };
  const chosen = requirements.find((r) => r && Object.keys(r).length > 0) ?? {};
  for (const name of Object.keys(chosen)) {
    const scheme = schemes[name];
    if (!scheme) continue;
    if (scheme.type === "apiKey") out[scheme.in][scheme.name] = "conform-key";
    else if (scheme.type === "http" && /^basic$/i.test(scheme.scheme ?? ""))
      out.header.Authorization = "Basic Y29uZm9ybTpjb25mb3Jt";
    else out.header.Authorization = "Bearer conform-token";
  }
  return out;
}

const IGNORED_HEADERS = ["accept", "content-type", "authorization"];
const inputs = {};
for (const [path, item] of Object.entries(doc.paths ?? {})) {
  for (const method of METHODS) {
    const operation = item?.[method];
    if (!operation) continue;
    const [pathPart, query = ""] = path.split("?");
    const literal = query.split("&").filter((p) => p && !p.includes("{")).join("&");
    const key = operation.operationId ?? `${method.toUpperCase()} ${pathPart}${literal ? "?" + literal : ""}`;
    const parameters = new Map();
    for (const parameter of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
      if (parameter?.name) parameters.set(`${parameter.in}:${parameter.name}`, parameter);
    }
    const body = operation.requestBody;
    const [mediaType, media] =
      Object.entries(body?.content ?? {}).find(([type]) => /json/.test(type)) ??
      Object.entries(body?.content ?? {})[0] ??
      [];
    const sets = [];
    for (let call = 0; call < calls; call++) {
      const set = { path: {}, query: {}, header: {}, cookie: {}, auth: credentials(operation) };
      for (const parameter of parameters.values()) {
        if (parameter.in === "header" && IGNORED_HEADERS.includes(parameter.name.toLowerCase())) {
          // Not the operation's to send (OpenAPI ignores these): the client's
          // token provider sends the credentials, the SDK the media types.
          if (parameter.name.toLowerCase() === "authorization") set.auth.header.Authorization = "Bearer conform-token";
          continue;
        }
        // Optional parameters in every other call.
        if (!parameter.required && parameter.in !== "path" && call % 2 === 1) continue;
        let schema = parameter.schema ?? Object.values(parameter.content ?? {})[0]?.schema;
        // A path segment is never empty (the URL would name another path).
        if (parameter.in === "path" && schema?.type === "string" && !schema.minLength && !schema.enum && !schema.format)
          schema = { ...schema, minLength: 1 };
        set[parameter.in][parameter.name] = sample(schema);
      }
      if (media) {
        set.mediaType = mediaType;
        set.body = media.schema ? sample(media.schema) : "x";
      }
      sets.push(set);
    }
    inputs[key] = sets;
  }
}
process.stdout.write(JSON.stringify(inputs));
