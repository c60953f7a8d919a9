/**
 * Builds a version's quality plan from what the standard declares: required fields and `x-expected`
 * (completeness), `x-default-codes` with the thresholds in standard.yaml's `quality.defaultThresholds`
 * (defaults), the record key (uniqueness; judged only on the rows that create a record when the version
 * declares `x-record-actions`), `x-consistency` (consistency), and the event date with the
 * submission deadline, judged against the declared reporting period's deadline when there is one, and
 * the episode end date that keeps an ongoing episode on time (timeliness), `x-applicable` on the record schema (a field counts only in records where it applies) and
 * `quality.validityGate` (the headline). Nested objects are walked; arrays are measured as one field. In a
 * recursive schema each field is measured once, where it first appears (field-walk.ts).
 */
import type { AnySchemaObject } from 'ajv';
import type { Ajv } from '../validation/ajv.js';
import { walkFields } from '../validation/field-walk.js';
import { deref, schemaLookup } from '../validation/schema-walk.js';
import { pointerSegments, toPointer } from '../validation/pointer.js';
import { DEFAULT_SKEW, SUBMISSION } from '../validation/consistency-rules.js';
import { isSchemaObject, VALUE_KEYWORDS } from '../validation/schema-refs.js';
import { periodDeadline, periodWindow, type ReportingPeriod } from './period.js';
import type { ApplicabilityCondition, FieldPlan, QualityPlan, SubmissionRule } from './types.js';
import { matchingFormat } from './default-codes.js';
import { applicability } from './applicability.js';

export interface QualityDeclarations {
  recordKey?: string[];
  /** Parts of the record key a record may leave out: a part not given is part of the key as "not given". */
  recordKeyOptional?: string[];
  eventDate?: string;
  /** The end of the episode a record describes: a record whose episode is ongoing at the cut-off is on time. */
  episodeEndDate?: string;
  submissionDeadline?: string;
  /** How the standard's reporting periods are named, and how long after a period ends its file is due. */
  reportingPeriod?: { kind: string; deadline?: string; covers?: string };
  quality?: { defaultThresholds?: Record<string, number>; validityGate?: number };
}

/** The declared optional key parts that are parts of the key (registry/check.ts refuses others), when there are any. */
function keyOptional(declared: QualityDeclarations): { keyOptional?: string[][] } {
  const optional = (declared.recordKeyOptional ?? []).filter((p) => declared.recordKey?.includes(p));
  return optional.length > 0 ? { keyOptional: optional.map(pointerSegments) } : {};
}

/** The share of valid records below which the overall score is capped and marked "fails validity", unless a standard declares its own. */
export const DEFAULT_VALIDITY_GATE = 0.95;

/**
 * `x-advice` of the record schema: per field pointer, the format its values should have. A free-text field
 * advised to hold a postcode has its default codes matched in the spellings that format accepts.
 */
function advisedFormats(root: AnySchemaObject | undefined): Map<string, string> {
  const declared: unknown = root?.['x-advice'];
  const out = new Map<string, string>();
  if (!Array.isArray(declared)) return out;
  for (const rule of declared as { field?: unknown; format?: unknown }[]) {
    if (typeof rule?.field === 'string' && typeof rule.format === 'string' && !out.has(rule.field)) out.set(rule.field, rule.format);
  }
  return out;
}

/**
 * The record's fields that a conditional of the record schema requires (`then` or `else` of an `if`, at its
 * root or in its root `allOf`), as pointers: with `x-applicable` saying where such a field applies, it is
 * required where it applies (CLD's Primary Support Reason on assessments, services and reviews), so
 * completeness counts it there. Without this a blank one read as complete: an assessment without its
 * mandatory Primary Support Reason failed validity but scored completeness 100.
 */
export function conditionallyRequired(root: AnySchemaObject | undefined): Set<string> {
  const out = new Set<string>();
  if (root === undefined) return out;
  const branches = [root, ...(Array.isArray(root.allOf) ? (root.allOf as unknown[]) : [])];
  for (const branch of branches) {
    if (!isSchemaObject(branch)) continue;
    for (const outcome of [branch.then, branch.else]) {
      if (isSchemaObject(outcome) && Array.isArray(outcome.required)) {
        for (const name of outcome.required as unknown[]) if (typeof name === 'string') out.add(`/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      }
    }
  }
  return out;
}

function defaultCodes(own: AnySchemaObject, resolved: AnySchemaObject): (string | number)[] {
  const codes: unknown = own['x-default-codes'] ?? resolved['x-default-codes'];
  return Array.isArray(codes) ? (codes as (string | number)[]) : [];
}

/** The measured fields: every leaf (not object) field that is required, expected or has default codes. */
function measuredFields(
  ajv: Ajv,
  schema: AnySchemaObject,
  schemaId: string,
  thresholds: Record<string, number>,
  applies: Map<string, ApplicabilityCondition[]>,
  advised: Map<string, string>,
  conditional: Set<string>,
): FieldPlan[] {
  const out: FieldPlan[] = [];
  walkFields(ajv, schema, schemaId, (field) => {
    if (field.isObject) return;
    const codes = defaultCodes(field.own, field.schema);
    const { pointer, segments, expected } = field;
    const when = applies.get(pointer);
    // Required where it applies: a conditional requires it, and x-applicable says where.
    const required = field.required || (when !== undefined && conditional.has(pointer));
    if (!required && !expected && codes.length === 0) return;
    // The field's own format, or else the one x-advice says its values should have.
    const own = codes.length > 0 ? matchingFormat(field.own.format ?? field.schema.format) : undefined;
    const advice = codes.length > 0 && own === undefined ? matchingFormat(advised.get(pointer)) : undefined;
    const format = own ?? advice;
    out.push({
      pointer,
      segments,
      required,
      expected,
      defaultCodes: codes,
      ...(format ? { format } : {}),
      ...(advice ? { formatAdvised: true } : {}),
      threshold: thresholds[pointer] ?? 0,
      ...(when ? { applicableWhen: when } : {}),
    });
  });
  return out;
}

/**
 * The ids of the record schema's cross-field rules (`x-consistency`), wherever the schema declares them: at
 * its root, and under a conditional (`allOf: [{ if, then: { x-consistency } }]`, as the immunisation batch
 * file checks its dates only on NEW and UPDATE rows). The engine checks both; the consistency dimension
 * counts both.
 */
export function consistencyRuleIds(root: AnySchemaObject | undefined): string[] {
  const ids: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isSchemaObject(node)) return;
    const rules: unknown = node['x-consistency'];
    if (Array.isArray(rules)) for (const rule of rules as { id?: unknown }[]) if (typeof rule?.id === 'string' && !ids.includes(rule.id)) ids.push(rule.id);
    for (const [keyword, value] of Object.entries(node)) if (!VALUE_KEYWORDS.has(keyword)) visit(value);
  };
  visit(root);
  return ids;
}

/** Where a rule at the record's root may sit: the root itself and the conditionals that apply to the whole record. */
const ROOT_APPLICATORS = ['allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', 'not'];

/**
 * Per rule (in the order of consistencyRuleIds), the values it compares: its field and the other
 * operand, a pointer or `$submission` / `$period`. Undefined when some rule lies below the record's root,
 * where its pointers are not the record's.
 */
export function consistencyOperands(root: AnySchemaObject | undefined): string[][] | undefined {
  const byId = new Map<string, string[]>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isSchemaObject(node)) return;
    const rules: unknown = node['x-consistency'];
    if (Array.isArray(rules))
      for (const rule of rules as Record<string, unknown>[]) {
        if (typeof rule?.id !== 'string' || typeof rule.field !== 'string' || byId.has(rule.id)) continue;
        const other = [rule.notBefore, rule.notAfter, rule.within].find<string>((o): o is string => typeof o === 'string');
        byId.set(rule.id, other === undefined ? [rule.field] : [rule.field, other]);
      }
    for (const keyword of ROOT_APPLICATORS) visit(node[keyword]);
  };
  visit(root);
  const ids = consistencyRuleIds(root);
  if (ids.some((id) => !byId.has(id))) return undefined;
  return ids.map((id) => byId.get(id)!);
}

/**
 * Per rule (in the order of consistencyRuleIds), the `x-applicable` conditions of the fields it compares
 * (null where none has any): a rule applies to a record only where its fields do, as a batch file's date
 * rules apply only to NEW and UPDATE rows. Undefined when every rule applies to every record, or a rule
 * lies below the record's root.
 */
export function consistencyApplicability(
  operands: string[][] | undefined,
  applicable: Map<string, ApplicabilityCondition[]>,
): (ApplicabilityCondition[] | null)[] | undefined {
  if (!operands || applicable.size === 0) return undefined;
  const byPointer = new Map([...applicable].map(([field, conditions]) => [toPointer(pointerSegments(field)), conditions]));
  const rules = operands.map((values) => {
    const seen = new Set<string>();
    const conditions = values.flatMap((v) => (v.startsWith('$') ? [] : (byPointer.get(toPointer(pointerSegments(v))) ?? [])));
    const unique = conditions.filter((c) => !seen.has(JSON.stringify(c)) && seen.add(JSON.stringify(c)));
    return unique.length > 0 ? unique : null;
  });
  return rules.some((r) => r !== null) ? rules : undefined;
}

/**
 * The standard's own `notAfter: "$submission"` rule on the event date, at the record's root (or under a
 * conditional applying to the whole record), when it declares one: its skew and calendar then say when an
 * event is dated after the submission for timeliness too (on-time.ts SubmissionLimit), so the dimension
 * leaves out exactly the records the rule calls in the future. The first such rule found, in document order.
 */
export function eventSubmissionRule(root: AnySchemaObject | undefined, eventDate: string | undefined): SubmissionRule | undefined {
  if (eventDate === undefined) return undefined;
  const event = toPointer(pointerSegments(eventDate));
  let found: SubmissionRule | undefined;
  const visit = (node: unknown): void => {
    if (found) return;
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isSchemaObject(node)) return;
    const rules: unknown = node['x-consistency'];
    if (Array.isArray(rules))
      for (const rule of rules as Record<string, unknown>[]) {
        if (found || rule?.notAfter !== SUBMISSION || typeof rule.field !== 'string' || toPointer(pointerSegments(rule.field)) !== event) continue;
        found = { skew: typeof rule.skew === 'string' ? rule.skew : DEFAULT_SKEW, calendar: rule.calendar === 'utc' ? 'utc' : 'uk' };
        if (typeof rule.id === 'string') found.id = rule.id;
      }
    for (const keyword of ROOT_APPLICATORS) visit(node[keyword]);
  };
  visit(root);
  return found;
}

export function qualityPlan(
  ajv: Ajv,
  schema: AnySchemaObject,
  schemaId: string,
  declared: QualityDeclarations,
  submittedAt: Date,
  period?: ReportingPeriod,
  sentAt?: string,
): QualityPlan {
  const root = deref(schemaLookup(ajv, schema, schemaId), schema, schemaId)?.schema;
  const applicable = applicability(root);
  const operands = consistencyOperands(root);
  const ruleApplies = consistencyApplicability(operands, applicable);
  const fields = measuredFields(
    ajv,
    schema,
    schemaId,
    declared.quality?.defaultThresholds ?? {},
    applicable,
    advisedFormats(root),
    conditionallyRequired(root),
  );
  const actions = root?.['x-record-actions'] as { key?: unknown; action?: unknown; create?: unknown; anyCase?: unknown; join?: unknown } | undefined;
  const sameKey = Array.isArray(actions?.key) && JSON.stringify(actions.key) === JSON.stringify(declared.recordKey);
  return {
    fields,
    recordKey: declared.recordKey && declared.recordKey.length > 0 ? declared.recordKey.map(pointerSegments) : null,
    ...keyOptional(declared),
    // Rows that update or delete a record carry its key again by design: only the creating rows are judged.
    ...(typeof actions?.action === 'string' && Array.isArray(actions.create)
      ? { keyedActions: { action: pointerSegments(actions.action), values: actions.create.map(String), anyCase: actions.anyCase === true } }
      : {}),
    ...(sameKey && typeof actions?.join === 'string' ? { keyJoin: actions.join } : {}),
    eventDate: declared.eventDate ? pointerSegments(declared.eventDate) : null,
    ...(declared.eventDate && declared.episodeEndDate ? { episodeEndDate: pointerSegments(declared.episodeEndDate) } : {}),
    submissionDeadline: declared.submissionDeadline ?? null,
    ...withSubmissionRule(eventSubmissionRule(root, declared.eventDate)),
    consistencyRules: consistencyRuleIds(root),
    ...withOperands(operands),
    ...(ruleApplies ? { consistencyApplies: ruleApplies } : {}),
    submittedAt: submittedAt.toISOString(),
    ...(sentAt ? { sentAt } : {}),
    period: period
      ? {
          id: period.id,
          kind: period.kind,
          start: period.start,
          end: period.end,
          ...periodDeadline(period, declared.reportingPeriod?.deadline),
          ...periodWindow(period, declared.reportingPeriod?.covers),
        }
      : null,
    ...(declared.reportingPeriod ? { periodKind: declared.reportingPeriod.kind } : {}),
    validityGate: declared.quality?.validityGate ?? DEFAULT_VALIDITY_GATE,
  };
}

const withSubmissionRule = (rule: SubmissionRule | undefined): { eventSubmissionRule?: SubmissionRule } => (rule ? { eventSubmissionRule: rule } : {});

const withOperands = (operands: string[][] | undefined): { consistencyOperands?: string[][] } =>
  operands && operands.length > 0 ? { consistencyOperands: operands } : {};
