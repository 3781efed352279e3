import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dataModels } from "@/lib/db/data-model";
import { Prisma } from "@/lib/server/generated/prisma/client";

/* The data model as data, for the tools that treat every table alike (db -- copy). */

describe("dataModels", () => {
  const models = dataModels(readFileSync("prisma/schema.prisma", "utf8"));

  it("finds every model the generated client has, with every scalar field", () => {
    expect(models.map((model) => model.name).sort()).toEqual(Object.values(Prisma.ModelName).sort());
    const scalars = Prisma as unknown as Record<string, Record<string, string>>;
    for (const model of models) expect(model.fields.map((field) => field.name), model.name).toEqual(Object.values(scalars[`${model.name}ScalarFieldEnum`]!));
  });

  it("puts each model after the models it points at", () => {
    const position = new Map(models.map((model, i) => [model.name, i]));
    for (const model of models) for (const parent of model.references) expect(position.get(parent)!, `${model.name} → ${parent}`).toBeLessThan(position.get(model.name)!);
    expect(models.find((model) => model.name === "Answer")!.references).toEqual(["Learner", "StudySession"]);
  });

  it("reads primary keys, compound ones included, and autoincrement ids", () => {
    const byName = new Map(models.map((model) => [model.name, model]));
    expect(byName.get("CardState")!.key).toEqual(["learnerId", "cardId"]);
    expect(byName.get("StateInfo")!.key).toEqual(["state"]);
    expect(byName.get("ContentLoad")!.fields.filter((field) => field.autoincrement).map((field) => field.name)).toEqual(["id"]);
    expect(byName.get("InstructorCapture")!.fields.find((field) => field.name === "bytes")).toMatchObject({ type: "Bytes", optional: false });
  });

  it("reads @map and @@map, and ignores // inside a quoted default", () => {
    const [model] = dataModels(['model A {', '  id  Int    @id @map("a_id") // the key', '  url String @default("http://x") @map("u")', '  @@map("a_table")', "}"].join("\n"));
    expect(model).toEqual({
      name: "A",
      table: "a_table",
      key: ["id"],
      references: [],
      fields: [
        { name: "id", column: "a_id", type: "Int", optional: false, list: false, autoincrement: false },
        { name: "url", column: "u", type: "String", optional: false, list: false, autoincrement: false },
      ],
    });
  });

  it("says where it cannot follow the schema", () => {
    expect(() => dataModels("model A {\n  id String @id\n  b  Thing\n}", "s.prisma")).toThrow("s.prisma:3: A.b has the type Thing, which is neither a scalar, an enum nor a model");
    expect(() => dataModels("model A {\n  name String\n}", "s.prisma")).toThrow("s.prisma:1: model A has no @id or @@id");
    const cycle = ["model A {", "  id String @id", "  bId String", "  b B @relation(fields: [bId], references: [id])", "}", "model B {", "  id String @id", "  aId String", "  a A @relation(fields: [aId], references: [id])", "}"];
    expect(() => dataModels(cycle.join("\n"), "s.prisma")).toThrow("s.prisma: the foreign keys of A, B form a cycle");
  });
});
