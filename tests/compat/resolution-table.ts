/**
 * Reader/writer resolution cases derived from the Avro 1.11 specification,
 * section "Schema Resolution", with Confluent's AvroCompatibilityChecker
 * (Avro Java SchemaCompatibility) deciding where the spec is silent.
 * `reader` decodes data written with `writer`.
 */

export interface ResolutionCase {
  readonly name: string;
  readonly reader: unknown;
  readonly writer: unknown;
  readonly compatible: boolean;
  /** Expected finding kinds (as a multiset) when incompatible. */
  readonly kinds?: readonly string[];
  readonly reason: string;
}

const PRIMITIVES = ["null", "boolean", "int", "long", "float", "double", "bytes", "string"] as const;

/** writer → readers it may be promoted to, straight from the spec's list. */
const PROMOTIONS: Record<string, readonly string[]> = {
  int: ["long", "float", "double"],
  long: ["float", "double"],
  float: ["double"],
  string: ["bytes"],
  bytes: ["string"],
};

// Every ordered pair of primitives: 8 identities, 8 promotions, 48 refusals.
const primitiveCases: ResolutionCase[] = PRIMITIVES.flatMap((writer) =>
  PRIMITIVES.map((reader): ResolutionCase => {
    if (reader === writer) {
      return { name: `${reader} reads ${writer}`, reader, writer, compatible: true, reason: "both schemas have the same primitive type" };
    }
    if (PROMOTIONS[writer]?.includes(reader)) {
      return { name: `${reader} reads ${writer} (promotion)`, reader, writer, compatible: true, reason: `the spec lets a writer's ${writer} be promoted to ${reader}` };
    }
    return {
      name: `${reader} does not read ${writer}`,
      reader,
      writer,
      compatible: false,
      kinds: ["type-mismatch"],
      reason: `${writer} is not promotable to ${reader}`,
    };
  }),
);

const field = (name: string, type: unknown, extra: Record<string, unknown> = {}) => ({ name, type, ...extra });
const record = (name: string, fields: unknown[], extra: Record<string, unknown> = {}) => ({ type: "record", name, fields, ...extra });
const enumType = (name: string, symbols: string[], extra: Record<string, unknown> = {}) => ({ type: "enum", name, symbols, ...extra });
const fixed = (name: string, size: number, extra: Record<string, unknown> = {}) => ({ type: "fixed", name, size, ...extra });
const array = (items: unknown) => ({ type: "array", items });
const map = (values: unknown) => ({ type: "map", values });

const userV1 = record("User", [field("id", "long"), field("name", "string")], { namespace: "org.openedx.learning" });
const userV2WithDefault = record(
  "User",
  [field("id", "long"), field("name", "string"), field("email", ["null", "string"], { default: null })],
  { namespace: "org.openedx.learning" },
);
const userV2Required = record("User", [field("id", "long"), field("name", "string"), field("email", "string")], {
  namespace: "org.openedx.learning",
});

const linkedList = (valueType: string, extra: unknown[] = []) =>
  record("Node", [field("value", valueType), field("next", ["null", "Node"], { default: null }), ...extra]);

const unionCases: ResolutionCase[] = [
  { name: '["null", string] reads string', reader: ["null", "string"], writer: "string", compatible: true, reason: "reader union has a branch matching the writer" },
  { name: 'string does not read ["null", string]', reader: "string", writer: ["null", "string"], compatible: false, kinds: ["union-branch-unreadable"], reason: "the writer may have written null, which a string reader cannot read" },
  { name: '["null", string] reads null', reader: ["null", "string"], writer: "null", compatible: true, reason: "null matches the null branch" },
  { name: '["null", string] reads ["null", string]', reader: ["null", "string"], writer: ["null", "string"], compatible: true, reason: "every writer branch has a matching reader branch" },
  { name: "union branch order does not matter", reader: ["string", "null"], writer: ["null", "string"], compatible: true, reason: "branches are matched by type, not position" },
  { name: 'null does not read ["null", string]', reader: "null", writer: ["null", "string"], compatible: false, kinds: ["union-branch-unreadable"], reason: "the string branch cannot be read as null" },
  { name: '["null", string] does not read ["null", int]', reader: ["null", "string"], writer: ["null", "int"], compatible: false, kinds: ["union-branch-unreadable"], reason: "no reader branch can read the writer's int branch" },
  { name: "union branches promote (int to long)", reader: ["null", "long"], writer: ["null", "int"], compatible: true, reason: "int is promotable to the reader's long branch" },
  { name: "reader union may add a branch", reader: ["null", "string", "int"], writer: ["null", "string"], compatible: true, reason: "extra reader branches are never selected, which is harmless" },
  { name: "writer union may not add a branch", reader: ["null", "string"], writer: ["null", "string", "int"], compatible: false, kinds: ["union-branch-unreadable"], reason: "the writer's new int branch has no reader branch" },
  { name: "reader union without the writer type", reader: ["null", "int"], writer: "string", compatible: false, kinds: ["type-mismatch"], reason: "no reader branch matches string" },
  { name: "non-union reads a writer union whose branches all promote", reader: "long", writer: ["int", "long"], compatible: true, reason: "each writer branch resolves to long" },
  { name: "non-union does not read a writer union with a wider branch", reader: "int", writer: ["int", "long"], compatible: false, kinds: ["union-branch-unreadable"], reason: "long cannot be read as int" },
  { name: "reader union reaches a branch by promotion", reader: ["null", "double"], writer: "float", compatible: true, reason: "float promotes to double" },
  { name: "reader union reads string as bytes", reader: ["null", "bytes"], writer: "string", compatible: true, reason: "string promotes to bytes" },
  { name: "reader union picks the record with the writer's name", reader: ["null", record("A", [field("x", "int")]), record("B", [field("y", "string")])], writer: record("B", [field("y", "string")]), compatible: true, reason: "the branch named B matches the writer record B" },
  { name: "reader union without a record of the writer's name", reader: ["null", record("A", [field("x", "int")])], writer: record("B", [field("x", "int")]), compatible: false, kinds: ["type-mismatch"], reason: "records only match by name (or reader alias)" },
  { name: "reader union record branch needs defaults for new fields", reader: ["null", userV2Required], writer: userV1, compatible: false, kinds: ["reader-field-missing-default"], reason: "the matching branch is resolved recursively and lacks a default for email" },
  { name: "reader union with an array branch reads an array", reader: ["null", array("long")], writer: array("int"), compatible: true, reason: "array items are resolved recursively (int promotes to long)" },
  { name: "writer union of records against a reader union", reader: ["null", userV2WithDefault], writer: ["null", userV1], compatible: true, reason: "the User branch resolves against the evolved User that defaults email" },
  { name: "writer union with an enum branch the reader lacks", reader: ["null", "string"], writer: ["null", enumType("Color", ["RED"])], compatible: false, kinds: ["union-branch-unreadable"], reason: "an enum is not readable as string (no such promotion)" },
];

const optionalFieldCases: ResolutionCase[] = [
  { name: 'field T → ["null", T]: new reader reads old data', reader: record("R", [field("x", ["null", "string"], { default: null })]), writer: record("R", [field("x", "string")]), compatible: true, reason: "the reader union has a string branch" },
  { name: 'field ["null", T] → T: reader of T cannot read nulls', reader: record("R", [field("x", "string")]), writer: record("R", [field("x", ["null", "string"], { default: null })]), compatible: false, kinds: ["union-branch-unreadable"], reason: "the writer's null branch is unreadable as string" },
  { name: 'field T → ["null", T] without a default is still readable', reader: record("R", [field("x", ["null", "string"])]), writer: record("R", [field("x", "string")]), compatible: true, reason: "the writer has the field, so no default is needed" },
  { name: 'new optional field ["null", T] with default null', reader: record("R", [field("a", "int"), field("x", ["null", "string"], { default: null })]), writer: record("R", [field("a", "int")]), compatible: true, reason: "the reader's default null fills the missing field" },
  { name: 'new ["null", T] field without a default', reader: record("R", [field("a", "int"), field("x", ["null", "string"])]), writer: record("R", [field("a", "int")]), compatible: false, kinds: ["reader-field-missing-default"], reason: "being nullable is not a default: the key must be present" },
  { name: 'removed ["null", T] field', reader: record("R", [field("a", "int")]), writer: record("R", [field("a", "int"), field("x", ["null", "string"], { default: null })]), compatible: true, reason: "writer fields unknown to the reader are skipped" },
  { name: '["string", "null"] field reads T', reader: record("R", [field("x", ["string", "null"], { default: "" })]), writer: record("R", [field("x", "string")]), compatible: true, reason: "branch order is irrelevant for resolution" },
];

const recordCases: ResolutionCase[] = [
  { name: "identical records", reader: userV1, writer: userV1, compatible: true, reason: "same name and fields" },
  { name: "reader adds a field with a default", reader: userV2WithDefault, writer: userV1, compatible: true, reason: "the default supplies the missing value" },
  { name: "reader adds a field without a default", reader: userV2Required, writer: userV1, compatible: false, kinds: ["reader-field-missing-default"], reason: "no value and no default for email" },
  { name: "reader drops a field", reader: userV1, writer: userV2Required, compatible: true, reason: "writer-only fields are ignored" },
  { name: "field type changes incompatibly", reader: record("R", [field("x", "int")]), writer: record("R", [field("x", "string")]), compatible: false, kinds: ["type-mismatch"], reason: "string is not promotable to int" },
  { name: "field type is promoted", reader: record("R", [field("x", "double")]), writer: record("R", [field("x", "int")]), compatible: true, reason: "int promotes to double" },
  { name: "field renamed with a reader alias", reader: record("R", [field("fullName", "string", { aliases: ["name"] })]), writer: record("R", [field("name", "string")]), compatible: true, reason: "reader field aliases match writer field names" },
  { name: "field renamed without alias or default", reader: record("R", [field("fullName", "string")]), writer: record("R", [field("name", "string")]), compatible: false, kinds: ["reader-field-missing-default"], reason: "the renamed field has no writer counterpart" },
  { name: "field renamed without alias but with a default", reader: record("R", [field("fullName", "string", { default: "" })]), writer: record("R", [field("name", "string")]), compatible: true, reason: "the default is used; the old field is ignored" },
  { name: "field name wins over a field alias", reader: record("R", [field("b", "int", { aliases: ["a"] })]), writer: record("R", [field("a", "string"), field("b", "int")]), compatible: true, reason: "Java's SchemaCompatibility looks up the field name before its aliases" },
  { name: "record names differ", reader: record("A", [field("x", "int")]), writer: record("B", [field("x", "int")]), compatible: false, kinds: ["name-mismatch"], reason: "records must have the same (unqualified) name" },
  { name: "record renamed with a reader alias", reader: record("NewName", [field("x", "int")], { aliases: ["OldName"] }), writer: record("OldName", [field("x", "int")]), compatible: true, reason: "a reader alias names the writer record" },
  { name: "record alias is relative to the reader's namespace", reader: record("NewName", [], { namespace: "org.x", aliases: ["OldName"] }), writer: record("OldName", [], { namespace: "org.x" }), compatible: true, reason: "alias OldName means org.x.OldName, the writer's full name" },
  { name: "fully qualified record alias", reader: record("NewName", [], { namespace: "org.x", aliases: ["org.y.OldName"] }), writer: record("OldName", [], { namespace: "org.y" }), compatible: true, reason: "the alias is the writer's full name" },
  { name: "record alias in the wrong namespace", reader: record("NewName", [], { namespace: "org.x", aliases: ["OldName"] }), writer: record("OldName", [], { namespace: "org.y" }), compatible: false, kinds: ["name-mismatch"], reason: "alias org.x.OldName is not the writer's org.y.OldName" },
  { name: "same record name in another namespace", reader: record("User", [field("x", "int")], { namespace: "org.a" }), writer: record("User", [field("x", "int")], { namespace: "org.b" }), compatible: true, reason: "spec 1.11 and Java compare unqualified record names" },
  { name: "dotted name equals name + namespace", reader: record("org.a.User", [field("x", "int")]), writer: record("User", [field("x", "int")], { namespace: "org.a" }), compatible: true, reason: "both declare the full name org.a.User" },
  { name: "record does not read a map", reader: record("R", []), writer: map("int"), compatible: false, kinds: ["type-mismatch"], reason: "different kinds of schema never match" },
  { name: "error type reads a record", reader: { type: "error", name: "R", fields: [field("x", "int")] }, writer: record("R", [field("x", "int")]), compatible: true, reason: "an error is a record for resolution" },
  { name: "empty reader record reads any same-named record", reader: record("R", []), writer: record("R", [field("x", "int"), field("y", "string")]), compatible: true, reason: "all writer fields are ignored" },
  { name: "several field problems are all reported", reader: record("R", [field("x", "int"), field("y", "string"), field("z", "boolean")]), writer: record("R", [field("x", "string"), field("y", "string")]), compatible: false, kinds: ["type-mismatch", "reader-field-missing-default"], reason: "x changed type and z has no default" },
  { name: "renamed record with a field problem reports both", reader: record("A", [field("x", "int")]), writer: record("B", [field("x", "long")]), compatible: false, kinds: ["name-mismatch", "type-mismatch"], reason: "like Java, field checks continue after a name mismatch" },
  { name: "nested record field gains a required field", reader: record("Outer", [field("user", userV2Required)]), writer: record("Outer", [field("user", userV1)]), compatible: false, kinds: ["reader-field-missing-default"], reason: "nested records are resolved recursively" },
];

const enumCases: ResolutionCase[] = [
  { name: "identical enums", reader: enumType("Color", ["RED", "GREEN"]), writer: enumType("Color", ["RED", "GREEN"]), compatible: true, reason: "same symbols" },
  { name: "reader enum adds a symbol", reader: enumType("Color", ["RED", "GREEN", "BLUE"]), writer: enumType("Color", ["RED", "GREEN"]), compatible: true, reason: "every writer symbol is known to the reader" },
  { name: "writer enum adds a symbol, reader has no default", reader: enumType("Color", ["RED", "GREEN"]), writer: enumType("Color", ["RED", "GREEN", "BLUE"]), compatible: false, kinds: ["enum-symbol-missing"], reason: "BLUE is unknown to the reader" },
  { name: "writer enum adds a symbol, reader has an enum default", reader: enumType("Color", ["UNKNOWN", "RED", "GREEN"], { default: "UNKNOWN" }), writer: enumType("Color", ["RED", "GREEN", "BLUE"]), compatible: true, reason: "unknown symbols resolve to the reader's enum default" },
  { name: "reader enum removes a symbol without default", reader: enumType("Color", ["RED"]), writer: enumType("Color", ["RED", "GREEN"]), compatible: false, kinds: ["enum-symbol-missing"], reason: "GREEN may have been written" },
  { name: "enum symbols reordered", reader: enumType("Color", ["GREEN", "RED"]), writer: enumType("Color", ["RED", "GREEN"]), compatible: true, reason: "symbols resolve by name, not index" },
  { name: "enum names differ", reader: enumType("Colour", ["RED"]), writer: enumType("Color", ["RED"]), compatible: false, kinds: ["name-mismatch"], reason: "enums must have the same (unqualified) name" },
  { name: "enum renamed with a reader alias", reader: enumType("Colour", ["RED"], { aliases: ["Color"] }), writer: enumType("Color", ["RED"]), compatible: true, reason: "the reader alias names the writer enum" },
  { name: "enum in another namespace", reader: enumType("Color", ["RED"], { namespace: "a" }), writer: enumType("Color", ["RED"], { namespace: "b" }), compatible: true, reason: "unqualified names match" },
  { name: "enum does not read string", reader: enumType("Color", ["RED"]), writer: "string", compatible: false, kinds: ["type-mismatch"], reason: "there is no string-to-enum promotion" },
  { name: "string does not read enum", reader: "string", writer: enumType("Color", ["RED"]), compatible: false, kinds: ["type-mismatch"], reason: "there is no enum-to-string promotion" },
];

const fixedCases: ResolutionCase[] = [
  { name: "identical fixed", reader: fixed("Md5", 16), writer: fixed("Md5", 16), compatible: true, reason: "same name and size" },
  { name: "fixed sizes differ", reader: fixed("Md5", 16), writer: fixed("Md5", 20), compatible: false, kinds: ["fixed-size-mismatch"], reason: "fixed sizes must match" },
  { name: "fixed names differ", reader: fixed("Md5", 16), writer: fixed("Hash", 16), compatible: false, kinds: ["name-mismatch"], reason: "fixed names must match" },
  { name: "fixed name and size differ", reader: fixed("Md5", 16), writer: fixed("Sha1", 20), compatible: false, kinds: ["name-mismatch", "fixed-size-mismatch"], reason: "both checks fail and both are reported" },
  { name: "fixed in another namespace", reader: fixed("Md5", 16, { namespace: "a" }), writer: fixed("Md5", 16, { namespace: "b" }), compatible: true, reason: "unqualified names match (Java compares fixed names like record names)" },
  { name: "fixed renamed with a reader alias", reader: fixed("Digest", 16, { aliases: ["Md5"] }), writer: fixed("Md5", 16), compatible: true, reason: "the reader alias names the writer fixed" },
  { name: "bytes does not read fixed", reader: "bytes", writer: fixed("Md5", 16), compatible: false, kinds: ["type-mismatch"], reason: "fixed is not promotable to bytes" },
  { name: "fixed does not read bytes", reader: fixed("Md5", 16), writer: "bytes", compatible: false, kinds: ["type-mismatch"], reason: "bytes is not promotable to fixed" },
];

const containerCases: ResolutionCase[] = [
  { name: "array<int> reads array<int>", reader: array("int"), writer: array("int"), compatible: true, reason: "items match" },
  { name: "array<long> reads array<int>", reader: array("long"), writer: array("int"), compatible: true, reason: "items are resolved recursively; int promotes to long" },
  { name: "array<int> does not read array<long>", reader: array("int"), writer: array("long"), compatible: false, kinds: ["type-mismatch"], reason: "long items cannot be read as int" },
  { name: "nested arrays promote", reader: array(array("double")), writer: array(array("float")), compatible: true, reason: "float promotes to double at depth 2" },
  { name: "nested arrays mismatch", reader: array(array("int")), writer: array(array("string")), compatible: false, kinds: ["type-mismatch"], reason: "string items cannot be read as int" },
  { name: "map<double> reads map<float>", reader: map("double"), writer: map("float"), compatible: true, reason: "values are resolved recursively" },
  { name: "map<string> does not read map<int>", reader: map("string"), writer: map("int"), compatible: false, kinds: ["type-mismatch"], reason: "int is not promotable to string" },
  { name: "array does not read map", reader: array("int"), writer: map("int"), compatible: false, kinds: ["type-mismatch"], reason: "arrays only match arrays" },
  { name: "map does not read array", reader: map("int"), writer: array("int"), compatible: false, kinds: ["type-mismatch"], reason: "maps only match maps" },
  { name: "array of records, reader adds a defaulted field", reader: array(userV2WithDefault), writer: array(userV1), compatible: true, reason: "each item record resolves" },
  { name: "array of records, reader adds a required field", reader: array(userV2Required), writer: array(userV1), compatible: false, kinds: ["reader-field-missing-default"], reason: "each item lacks email" },
  { name: 'map<["null", string]> reads map<string>', reader: map(["null", "string"]), writer: map("string"), compatible: true, reason: "the reader union has a string branch" },
  { name: 'map<string> does not read map<["null", string]>', reader: map("string"), writer: map(["null", "string"]), compatible: false, kinds: ["union-branch-unreadable"], reason: "null values cannot be read as string" },
  { name: "map of unions gains a branch in the reader", reader: map(["null", "int", "string"]), writer: map(["null", "int"]), compatible: true, reason: "all writer branches are covered" },
  { name: "map of arrays promotes", reader: map(array("long")), writer: map(array("int")), compatible: true, reason: "int promotes to long inside map<array<..>>" },
  { name: "array of unions loses a branch", reader: array(["null", "int"]), writer: array(["null", "int", "boolean"]), compatible: false, kinds: ["union-branch-unreadable"], reason: "boolean items have no reader branch" },
];

const recursiveCases: ResolutionCase[] = [
  { name: "recursive linked list reads itself", reader: linkedList("int"), writer: linkedList("int"), compatible: true, reason: "recursion terminates by assuming the pair in progress is compatible" },
  { name: "recursive linked list promotes its value", reader: linkedList("long"), writer: linkedList("int"), compatible: true, reason: "int promotes to long at every node" },
  { name: "recursive linked list narrows its value", reader: linkedList("int"), writer: linkedList("long"), compatible: false, kinds: ["type-mismatch"], reason: "long cannot be read as int (reported once for the Node pair)" },
  { name: "recursive linked list adds a defaulted field", reader: linkedList("int", [field("label", "string", { default: "" })]), writer: linkedList("int"), compatible: true, reason: "the default fills every node" },
  { name: "recursive linked list adds a required field", reader: linkedList("int", [field("label", "string")]), writer: linkedList("int"), compatible: false, kinds: ["reader-field-missing-default"], reason: "label has no default" },
  { name: "recursive tree through array<Tree>", reader: record("Tree", [field("value", "long"), field("children", array("Tree"))]), writer: record("Tree", [field("value", "int"), field("children", array("Tree"))]), compatible: true, reason: "recursion through an array terminates" },
  {
    name: "mutually recursive records",
    reader: record("A", [field("b", ["null", record("B", [field("a", ["null", "A"])])])]),
    writer: record("A", [field("b", ["null", record("B", [field("a", ["null", "A"])])])]),
    compatible: true,
    reason: "the A/B cycle terminates",
  },
];

const colorV1 = enumType("Color", ["RED", "GREEN"]);
const colorV2 = enumType("Color", ["RED", "GREEN", "BLUE"]);

const namedReferenceCases: ResolutionCase[] = [
  { name: "named type referenced by name after its definition", reader: record("R", [field("a", colorV1), field("b", "Color")]), writer: record("R", [field("a", colorV1), field("b", "Color")]), compatible: true, reason: "the reference resolves to the definition" },
  { name: "reference by full name against a namespaced definition", reader: record("R", [field("a", colorV1), field("b", "org.a.Color")], { namespace: "org.a" }), writer: record("R", [field("a", colorV1), field("b", "Color")], { namespace: "org.a" }), compatible: true, reason: "Color inherits namespace org.a, so both references mean org.a.Color" },
  { name: "a broken named type is reported at every use", reader: record("R", [field("a", colorV1), field("b", "Color")]), writer: record("R", [field("a", colorV2), field("b", "Color")]), compatible: false, kinds: ["enum-symbol-missing", "enum-symbol-missing"], reason: "both fields may hold BLUE" },
  { name: "reader defines the type where the writer references it", reader: record("R", [field("b", colorV1), field("a", "Color")]), writer: record("R", [field("a", colorV1), field("b", "Color")]), compatible: true, reason: "definition order does not change the types" },
  { name: "named reference inside a union", reader: record("R", [field("a", colorV1), field("b", ["null", "Color"], { default: null })]), writer: record("R", [field("a", colorV1), field("b", "Color")]), compatible: true, reason: "the reader union's Color branch matches" },
];

const invalidCases: ResolutionCase[] = [
  { name: "reader with an unknown type name", reader: { type: "strnig" }, writer: "string", compatible: false, kinds: ["invalid-schema"], reason: "avsc rejects the reader" },
  { name: "writer referencing an undefined name", reader: "string", writer: record("R", [field("x", "Missing")]), compatible: false, kinds: ["invalid-schema"], reason: "avsc rejects the writer" },
  { name: "both schemas invalid", reader: 42, writer: null, compatible: false, kinds: ["invalid-schema", "invalid-schema"], reason: "each side is reported" },
  { name: "union default must match the first branch", reader: record("R", [field("x", ["null", "string"], { default: "a" })]), writer: record("R", []), compatible: false, kinds: ["invalid-schema"], reason: "the spec requires union defaults to match the first branch" },
  { name: "prototype property names are not type names", reader: { type: "constructor" }, writer: "string", compatible: false, kinds: ["invalid-schema"], reason: "only Avro type names are types" },
];

export const RESOLUTION_TABLE: readonly ResolutionCase[] = [
  ...primitiveCases,
  ...unionCases,
  ...optionalFieldCases,
  ...recordCases,
  ...enumCases,
  ...fixedCases,
  ...containerCases,
  ...recursiveCases,
  ...namedReferenceCases,
  ...invalidCases,
];
