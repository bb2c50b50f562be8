/**
 * Brands mark Strata's own objects so they can be recognised across package copies.
 * `instanceof` fails when two copies of a package are installed; a registered symbol does not.
 */
export const COLUMN_BRAND: unique symbol = Symbol.for('strata.column') as never;
export const TABLE_BRAND: unique symbol = Symbol.for('strata.table') as never;
export const RELATIONS_BRAND: unique symbol = Symbol.for('strata.relations') as never;

/** True when `value` is an object carrying the given brand. */
export function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === 'object' && value !== null && brand in value;
}
