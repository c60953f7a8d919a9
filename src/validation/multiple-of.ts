/**
 * `multipleOf` judged on the decimals an author and a supplier write, not on their binary fractions. Ajv
 * divides in floating point and asks for a whole quotient, so it refused 0.3 as a multiple of 0.1
 * (0.3 / 0.1 is 2.9999999999999996 in binary) and 0.07 of 0.01. Here the quotient may be off a whole
 * number by the rounding of the values and of the division (at most about three units in its last place,
 * so a tolerance of eight, relative to its size), never more: 0.3 and 0.07 pass, 0.35 of 0.1, 7 of 2 and
 * 0.3000000001 of 0.1 still fail. A value that is not a multiple differs from one by far more than that
 * unless it has more significant digits than a number holds. A whole number and a whole step are judged by
 * the remainder, exactly (2^52 + 1 is no multiple of 2, though its quotient's tolerance is above a half).
 * The same code runs in the generated standalone validators (the keyword's code is inlined), so they
 * judge as the engine does.
 */
import { _, str, type CodeKeywordDefinition, type KeywordCxt } from 'ajv';

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
    const offWhole = _`${schemaCode} !== 0 && (${q} = ${data} / ${schemaCode}, Math.abs(${q} - Math.round(${q})) > 8 * Number.EPSILON * Math.max(1, Math.abs(${q})))`;
    // Whole numbers of a whole step: the remainder, exact however large the quotient.
    cxt.fail(Number.isInteger(schema) ? _`Number.isInteger(${data}) ? ${data} % ${schemaCode} !== 0 : ${offWhole}` : offWhole);
  },
};
