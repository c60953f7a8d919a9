/**
 * Turns a version's schema into the input json-schema-to-typescript needs, so that every `$ref` target
 * (a shared `_common` definition or a local `$defs` entry) becomes one named type, declared once and
 * referred to by name (`tsType`) wherever it is used, and every other node keeps only what shapes a
 * type; titles, descriptions, code labels and checks go into the doc comments (docs.ts). Conditional
 * rules (if/then/else) and `not` cannot be types and are left to the validator; a record field a
 * conditional rule requires says when in its doc comment, in the field dictionary's words. Recursive schemas are
 * fine: each definition is declared once and refers to itself by name, and a `$ref` to the version itself
 * (`#`) is the record type.
 */
import type { JSONSchema4 } from 'json-schema';
import { isSchemaObject as isNode, resolveRef, SCHEMA_MAP_KEYWORDS as MAPS, VALUE_KEYWORDS as VALUES } from '../validation/schema-refs.js';
import { conditionalRequirements } from '../registry/conditional-required.js';
import { escapeSegment } from '../validation/pointer.js';
import { docText, requiredRemark } from './docs.js';
import { CodegenError, pascalCase, type CodegenSource } from './source.js';
import { parseArtefactUri } from '../registry/artefacts/refs.js';

type Node = Record<string, unknown>;
/** Keywords that shape a TypeScript type. */
const STRUCTURAL = ['properties', 'additionalProperties', 'patternProperties', 'items', 'prefixItems', 'anyOf', 'oneOf', 'allOf'];
/** Global TypeScript names a definition must not shadow. */
const GLOBALS = new Set([
  'Array',
  'Boolean',
  'Date',
  'Error',
  'Function',
  'JSON',
  'Map',
  'Math',
  'Number',
  'Object',
  'Omit',
  'Partial',
  'Pick',
  'Promise',
  'Record',
  'RegExp',
  'Required',
  'Set',
  'String',
  'Symbol',
  'URL',
]);

export interface Definition {
  name: string;
  /** The absolute URI of the definition (`document#/pointer`). */
  uri: string;
  node: unknown;
  /** The document id its own `$ref`s are relative to. */
  base: string;
}

export class TypeSchemas {
  private readonly documents = new Map<string, unknown>();
  /** Every definition reached, by URI, named in URI order. */
  readonly definitions = new Map<string, Definition>();
  /** The URI of the version's own schema: a `$ref` to it is the record type itself. */
  private readonly rootUri: string;
  /** The node holding the record's fields (the version's schema, its `$ref`s followed). */
  private readonly record: unknown;
  /** When a conditional rule requires a record field, by pointer, in the field dictionary's words. */
  private readonly requiredWhen: Map<string, string>;

  constructor(
    private readonly source: CodegenSource,
    readonly rootName: string,
  ) {
    this.rootUri = `${source.schemaId}#`;
    this.documents.set(source.schemaId, source.schema);
    for (const [id, document] of source.shared) this.documents.set(id, document);
    const found = new Map<string, { node: unknown; base: string }>();
    this.collect(source.schema, source.schemaId, found);
    const taken = new Set([rootName]);
    for (const uri of [...found.keys()].sort()) {
      const { node, base } = found.get(uri)!;
      const name = this.nameFor(uri, node, taken);
      taken.add(name);
      this.definitions.set(uri, { name, uri, node, base });
    }
    this.record = this.recordNode();
    this.requiredWhen = isNode(this.record) ? conditionalRequirements(this.record) : new Map<string, string>();
  }

  /** The version's schema with its `$ref`s followed (a few at most), as the field dictionary reads the record. */
  private recordNode(): unknown {
    let node: unknown = this.source.schema;
    let base = this.source.schemaId;
    for (let hops = 0; isNode(node) && typeof node.$ref === 'string' && hops < 32; hops++) ({ node, base } = this.resolve(node.$ref, base));
    return node;
  }

  /**
   * Each record field a conditional rule requires gets the rule's words in its doc comment (`@remarks
   * Required when …`), from the module the field dictionary reads (conditional-required.ts); a field the
   * record always requires has none, as in the dictionary.
   */
  private remarkConditional(node: Node, properties: Record<string, JSONSchema4>): void {
    if (node !== this.record || this.requiredWhen.size === 0) return;
    const always = new Set(Array.isArray(node.required) ? node.required : []);
    for (const [name, property] of Object.entries(properties)) {
      const words = this.requiredWhen.get(`/${escapeSegment(name)}`);
      if (words === undefined || always.has(name)) continue;
      property.description = [property.description, requiredRemark(words)].filter((p) => p !== undefined).join('\n\n');
    }
  }

  private resolve(ref: string, base: string): { uri: string; node: unknown; base: string } {
    const target = resolveRef(ref, base, (id) => this.documents.get(id));
    if (target === undefined) throw new CodegenError(`${this.source.standardId}@${this.source.version}: cannot resolve $ref "${ref}" (from ${base})`);
    return target;
  }

  /** The type name a `$ref` stands for: the record type for the version itself (`#`), else its definition's. */
  private refName(ref: string, base: string): string {
    const { uri } = this.resolve(ref, base);
    return uri === this.rootUri ? this.rootName : this.definitions.get(uri)!.name;
  }

  private collect(node: unknown, base: string, found: Map<string, { node: unknown; base: string }>): void {
    if (Array.isArray(node)) for (const item of node) this.collect(item, base, found);
    if (!isNode(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        if ('enum' in node || 'const' in node) continue; // the codes beside it decide the type (convert)
        const target = this.resolve(value, base);
        // Each target is collected once, so definitions reaching themselves (recursion) end here; the
        // version itself (`#`) is the record type, not a definition.
        if (found.has(target.uri) || target.uri === this.rootUri) continue;
        found.set(target.uri, { node: target.node, base: target.base });
        this.collect(target.node, target.base, found);
      } else if (MAPS.has(key) && isNode(value)) {
        if (key === '$defs' || key === 'definitions') continue; // reached only through a $ref
        for (const member of Object.values(value)) this.collect(member, base, found);
      } else if (!VALUES.has(key)) this.collect(value, base, found);
    }
  }

  private nameFor(uri: string, node: unknown, taken: Set<string>): string {
    const [document = '', fragment = ''] = uri.split('#');
    // An artefact (conform:code-lists/<id>/<version>) is named by its id, not its version.
    const artefact = parseArtefactUri(document);
    const documentName = pascalCase(artefact && 'key' in artefact ? artefact.key.id : document.slice(document.lastIndexOf('/') + 1));
    let name = fragment === '' ? documentName : pascalCase(fragment.slice(fragment.lastIndexOf('/') + 1));
    if (GLOBALS.has(name)) name += isNode(node) && typeof node.type === 'string' ? pascalCase(node.type) : 'Value';
    if (taken.has(name)) name = documentName + name;
    for (let i = 2; taken.has(name); i++) name = `${name.replace(/\d+$/, '')}${i}`;
    return name;
  }

  /** The input for the record type (the version's schema). */
  root(): JSONSchema4 {
    return this.convert(this.source.schema, this.source.schemaId);
  }

  /** The input for a named definition. */
  definition(definition: Definition): JSONSchema4 {
    return this.convert(definition.node, definition.base);
  }

  private convert(node: unknown, base: string): JSONSchema4 {
    if (typeof node === 'boolean') return node ? {} : { tsType: 'never' };
    if (!isNode(node)) return {};
    const out: JSONSchema4 = {};
    if (typeof node.$ref === 'string') {
      const { $ref: ref, ...rest } = node;
      const name = (): string => this.refName(ref, base);
      if ('enum' in rest || 'const' in rest)
        Object.assign(out, this.shape(rest, base)); // the codes decide the type
      else if (STRUCTURAL.some((k) => k in rest)) out.allOf = [{ tsType: name() }, this.shape(rest, base)];
      else out.tsType = name();
    } else Object.assign(out, this.shape(node, base));
    const doc = docText(node);
    if (doc !== undefined) out.description = doc;
    return out;
  }

  /** The type-shaping keywords of a node, converted. */
  private shape(node: Node, base: string): JSONSchema4 {
    const out: JSONSchema4 = {};
    const sub = (value: unknown): JSONSchema4 => this.convert(value, base);
    const map = (value: unknown): Record<string, JSONSchema4> => Object.fromEntries(Object.entries(isNode(value) ? value : {}).map(([k, v]) => [k, sub(v)]));
    if (node.type !== undefined) out.type = node.type as JSONSchema4['type'];
    if (Array.isArray(node.enum)) out.enum = node.enum as JSONSchema4['enum'];
    if ('const' in node) out.enum = [node.const as string];
    if (isNode(node.properties)) {
      out.properties = map(node.properties);
      this.remarkConditional(node, out.properties);
    }
    if (Array.isArray(node.required)) out.required = node.required as string[];
    if (typeof node.additionalProperties === 'boolean') out.additionalProperties = node.additionalProperties;
    else if (isNode(node.additionalProperties)) out.additionalProperties = sub(node.additionalProperties);
    if (isNode(node.patternProperties)) out.patternProperties = map(node.patternProperties);
    if (Array.isArray(node.prefixItems)) {
      out.items = node.prefixItems.map(sub);
      out.additionalItems = node.items === undefined ? true : node.items === false ? false : sub(node.items);
    } else if (node.items !== undefined) out.items = Array.isArray(node.items) ? node.items.map(sub) : sub(node.items);
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      if (Array.isArray(node[keyword])) out[keyword] = (node[keyword] as unknown[]).map(sub);
    }
    if (Array.isArray(node.allOf)) {
      const members = node.allOf.map(sub).filter((m) => Object.keys(m).some((k) => k !== 'description'));
      if (members.length > 0) out.allOf = members;
    }
    if (node.deprecated === true) out.deprecated = true;
    return out;
  }
}
