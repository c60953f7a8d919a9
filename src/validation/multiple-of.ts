/**
 * `multipleOf` judged on the decimals an author and a supplier write, not on their binary fractions. Ajv
 * divides in floating point and asks for a whole quotient, so it refused 0.3 as a multiple of 0.1
 * (0.3 / 0.1 is 2.9999999999999996 in binary) and 0.07 of 0.01. Here the quotient may be off a whole
 * number by the rounding of the values and of the division (at most about three units in its last place,
 * so a tolerance of eight, relative to that whole number), never more: 0.3 and 0.07 pass, 0.35 of 0.1, 7 of 2
 * and 0.3000000001 of 0.1 still fail. The tolerance is relative to the whole number the quotient is near,
 * not to at least 1: a quotient near 0 must be 0, so a value far smaller than the step (1e-20 of 0.01,
 * 1e-300 of 3) is no multiple, where a tolerance of at least eight units of 1 took it. A value that is not a multiple differs from one by far more than that
 * unless it has more significant digits than a number holds. A whole number and a whole step are judged by
 * the remainder, exactly (2^52 + 1 is no multiple of 2, though its quotient's tolerance is above a half).
 * The same code runs in the generated standalone validators (the keyword's code is inlined), so they
 * judge as the engine does.
 */
import { _, str, type CodeKeywordDefinition, type KeywordCxt } from 'ajv';

/** Eight units in the last place of the whole number a quotient is near: the rounding allowed (above). */
const TOLERANCE = 8 * Number.EPSILON;

/**
 * Whether `value` is a multiple of `step` as the keyword below judges it (its code is this, written for
 * Ajv): the registry's diff asks it of two steps, so it judges them as the engine judges values.
 */
export function isMultipleOf(value: number, step: number): boolean {
  if (step === 0) return true;
  if (Number.isInteger(step) && Number.isInteger(value)) return value % step === 0;
  const q = value / step;
  return !(Math.abs(q - Math.round(q)) > TOLERANCE * Math.abs(Math.round(q)));
}

export const multipleOfKeyword: CodeKeywordDefinition = {
  keyword: 'multipleOf',
  type: 'number',
  schemaType: 'number',
  error: {
    message: ({ schemaCode }) => str`must be multiple of ${schemaCode}`,
    params: ({ schemaCode }) => _`{multipleOf: ${schemaCode}}`,
  },
  code(cxt: KeywordCxt) {
    const { gen, data, schemaCode } = cxt;
    const schema = cxt.schema as number;
    const q = gen.let('q');
    // The tolerance is relative to the whole number the quotient is near: none when it is 0 (only 0 is 0 times a step).
    const offWhole = _`${schemaCode} !== 0 && (${q} = ${data} / ${schemaCode}, Math.abs(${q} - Math.round(${q})) > ${TOLERANCE} * Math.abs(Math.round(${q})))`;
    // Whole numbers of a whole step: the remainder, exact however large the quotient.
    cxt.fail(Number.isInteger(schema) ? _`Number.isInteger(${data}) ? ${data} % ${schemaCode} !== 0 : ${offWhole}` : offWhole);
  },
};
