/*
 * The models of SynAck's one data model (prisma/schema.prisma) as data: each
 * model's table, scalar fields, primary key and the models it points at, in
 * foreign-key order. Code that must treat every table alike (`db -- copy`)
 * reads this instead of naming tables, so a model or field added to the
 * schema is copied without a change there.
 *
 * Prisma 6's "prisma-client" generator does not export its DMMF, and the
 * data model it keeps at run time has neither keys nor relation sides, so
 * the schema text is read here: the small, formatted subset that
 * `prisma format` writes. Anything outside that subset is an error naming
 * the line, never a guess.
 */

/** Prisma's scalar types; any other field type is a model (a relation) or an enum. */
const SCALAR_TYPES = new Set(["String", "Boolean", "Int", "BigInt", "Float", "Decimal", "DateTime", "Json", "Bytes"]);

export interface ModelField {
  name: string;
  /** The column's name: the field's, or its @map. */
  column: string;
  /** A Prisma scalar type ("String", "DateTime", "Bytes", …) or an enum's name. */
  type: string;
  optional: boolean;
  list: boolean;
  /** `@default(autoincrement())`: the column takes its values from a sequence. */
  autoincrement: boolean;
}

export interface DataModel {
  name: string;
  /** The table's name: the model's, or its @@map. */
  table: string;
  /** Scalar fields, in the schema's order (relation fields are left out). */
  fields: ModelField[];
  /** The primary key's fields, in order. */
  key: string[];
  /** Models this one holds a foreign key to (other than itself). */
  references: string[];
}

interface RawField {
  name: string;
  type: string;
  optional: boolean;
  list: boolean;
  attributes: string;
  line: number;
}

/** The models of `schema` (the text of a schema.prisma), parents before the models that point at them. */
export function dataModels(schema: string, file = "prisma/schema.prisma"): DataModel[] {
  const blocks = modelBlocks(schema, file);
  const enums = new Set([...schema.matchAll(/^\s*enum\s+(\w+)\s*\{/gm)].map((match) => match[1]!));
  const names = new Set(blocks.map((block) => block.name));
  const models = blocks.map((block): DataModel => {
    const fields: ModelField[] = [];
    const references: string[] = [];
    let key: string[] = [];
    for (const field of block.fields) {
      if (SCALAR_TYPES.has(field.type) || enums.has(field.type)) {
        fields.push({
          name: field.name,
          column: /@map\("([^"]+)"\)/.exec(field.attributes)?.[1] ?? field.name,
          type: field.type,
          optional: field.optional,
          list: field.list,
          autoincrement: /@default\(\s*autoincrement\(\)\s*\)/.test(field.attributes),
        });
        if (/@id\b/.test(field.attributes)) key = [field.name];
      } else if (names.has(field.type)) {
        if (/@relation\([^)]*\bfields\s*:/.test(field.attributes) && field.type !== block.name) references.push(field.type);
      } else {
        throw new Error(`${file}:${field.line}: ${block.name}.${field.name} has the type ${field.type}, which is neither a scalar, an enum nor a model`);
      }
    }
    const compound = /@@id\(\s*(?:fields\s*:\s*)?\[([^\]]*)\]/.exec(block.attributes);
    if (compound) key = compound[1]!.split(",").map((name) => name.trim().replace(/\(.*$/, ""));
    if (key.length === 0) throw new Error(`${file}:${block.line}: model ${block.name} has no @id or @@id`);
    const table = /@@map\("([^"]+)"\)/.exec(block.attributes)?.[1] ?? block.name;
    return { name: block.name, table, fields, key, references: [...new Set(references)] };
  });
  return foreignKeyOrder(models, file);
}

function modelBlocks(schema: string, file: string) {
  const lines = schema.split("\n");
  const blocks: { name: string; line: number; fields: RawField[]; attributes: string }[] = [];
  let current: (typeof blocks)[number] | null = null;
  lines.forEach((text, index) => {
    const line = withoutComment(text).trim();
    if (!current) {
      const start = /^model\s+(\w+)\s*\{$/.exec(line);
      if (start) current = { name: start[1]!, line: index + 1, fields: [], attributes: "" };
      return;
    }
    if (line === "}") {
      blocks.push(current);
      current = null;
    } else if (line.startsWith("@@")) {
      current.attributes += `${line}\n`;
    } else if (line !== "") {
      const field = /^(\w+)\s+(\w+)(\[\])?(\?)?(?:\s+(.*))?$/.exec(line);
      if (!field) throw new Error(`${file}:${index + 1}: cannot read this line of model ${current.name}: ${line}`);
      current.fields.push({ name: field[1]!, type: field[2]!, list: field[3] === "[]", optional: field[4] === "?", attributes: field[5] ?? "", line: index + 1 });
    }
  });
  if (current) throw new Error(`${file}: model ${(current as { name: string }).name} is not closed`);
  return blocks;
}

/** The line without a `//` comment; a `//` inside a quoted string (a default URL) stays. */
function withoutComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"' && line[i - 1] !== "\\") quoted = !quoted;
    else if (!quoted && line[i] === "/" && line[i + 1] === "/") return line.slice(0, i);
  }
  return line;
}

/** Each model after every model it references, otherwise in the schema's order. */
function foreignKeyOrder(models: DataModel[], file: string): DataModel[] {
  const ordered: DataModel[] = [];
  const placed = new Set<string>();
  while (ordered.length < models.length) {
    const next = models.find((model) => !placed.has(model.name) && model.references.every((name) => placed.has(name)));
    if (!next) {
      const left = models.filter((model) => !placed.has(model.name)).map((model) => model.name);
      throw new Error(`${file}: the foreign keys of ${left.join(", ")} form a cycle, so no copy order fills parents first`);
    }
    ordered.push(next);
    placed.add(next.name);
  }
  return ordered;
}
