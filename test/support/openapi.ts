/**
 * Checks a real response against the OpenAPI document: the path, method and status must be documented,
 * the content type must match, and the body must validate against the documented schema.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { openApiDocument } from '../../src/http/openapi.js';

const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
ajv.addSchema({ $id: 'openapi', components: openApiDocument.components });

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>> };

function templateFor(path: string): string | undefined {
  const bare = path.split('?')[0]!;
  return Object.keys(openApiDocument.paths).find((template) => {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    return pattern.test(bare);
  });
}

/** Throws with a readable message when the response does not match the contract. */
export function assertMatchesContract(method: string, path: string, status: number, contentType: string | undefined, body: unknown): void {
  const template = templateFor(path);
  if (!template) throw new Error(`${path} is not in the OpenAPI document`);
  const operation = (openApiDocument as unknown as Doc).paths[template]![method.toLowerCase()];
  if (!operation) throw new Error(`${method} ${template} is not in the OpenAPI document`);
  const response = operation.responses[String(status)];
  if (!response) throw new Error(`${method} ${template} does not document status ${status}`);
  if (!response.content && body === undefined) return;
  const media = (contentType ?? '').split(';')[0]!.trim();
  const content = response.content?.[media];
  if (!content) throw new Error(`${method} ${template} ${status} does not document ${media || 'no content type'}`);
  const schema = JSON.parse(JSON.stringify(content.schema).replace(/"#\/components/g, '"openapi#/components'));
  const validate = ajv.compile(schema);
  if (!validate(body)) throw new Error(`${method} ${template} ${status}: ${ajv.errorsText(validate.errors)}`);
}
