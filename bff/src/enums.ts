/**
 * A stored or upstream string as one of the schema's enums (the const objects in
 * generated/resolvers.ts). The tables keep enums as plain strings; graphql-js would refuse
 * any other value when serialising the field, so refusing it here changes nothing at run
 * time and lets the resolver's return type say what the schema says.
 */
export function asEnum<E extends Record<string, string>>(values: E, value: string): E[keyof E] {
  if (isValue(values, value)) return value;
  // Unexpected (a bad row or a new value the schema lacks): masked for the client like any other bug.
  throw new Error("a stored value is not one of its enum's values");
}

/** asEnum for a nullable column. */
export function asOptionalEnum<E extends Record<string, string>>(values: E, value: string | null): E[keyof E] | null {
  return value === null ? null : asEnum(values, value);
}

function isValue<E extends Record<string, string>>(values: E, value: string): value is E[keyof E] {
  return Object.values(values).includes(value);
}
