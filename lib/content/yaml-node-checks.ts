import { isAlias, isMap, isScalar, isSeq, visit, type Document, type Node, type Pair } from "yaml";

/*
 * One pass over a parsed YAML document for what the yaml package checks
 * badly for content that anyone may edit:
 * - anchors (&name), aliases (*name) and merge keys (<<: *name): a bad one is
 *   found only when the value is built (Document.toJS), which throws without
 *   a position; here each is found first, at its alias;
 * - duplicate keys: its `uniqueKeys` option compares each key with every
 *   earlier one (80,000 keys took a minute and a half); here a set per mapping.
 */

/**
 * Passed to toJS as `maxAliasCount`, the yaml package's guard against alias
 * bombs ("billion laughs"): how many copies an anchor's aliases may expand to.
 */
export const MAX_ALIAS_EXPANSION = 100;

/**
 * Alias nodes in one YAML text. The yaml package resolves each alias by a
 * scan of the document's anchors, so that many distinct anchor/alias pairs
 * cost time quadratic in their number; no option bounds it. Real content
 * uses none.
 */
export const MAX_ALIASES = 1000;

export interface NodeProblem {
  /** Offset in the YAML text. */
  offset: number;
  message: string;
}

export interface NodeCheck {
  problems: NodeProblem[];
  /** Offset of the first alias whose anchor holds aliases itself: where an expansion bomb starts. */
  nestedAlias?: number;
}

export function checkYamlNodes(doc: Document): NodeCheck {
  const problems: NodeProblem[] = [];
  const anchors = new Map<string, Node>();
  const holdsAlias = new Set<Node>();
  const aliases: { offset: number; target: Node }[] = [];
  let count = 0;
  // One visitor for all nodes: yaml's visit calls only the most specific one (Map before Node).
  visit(doc, {
    Pair(_key, pair) {
      // With merge keys on, a plain `<<` key is a Scalar whose value is a Symbol.
      if (!isScalar(pair.key) || typeof pair.key.value !== "symbol") return;
      const value = pair.value as Node | null;
      const sources = isSeq(value) ? value.items : [value];
      for (const source of sources) {
        const node = isAlias(source) ? anchors.get(source.source) : source;
        if (node && !isMap(node)) {
          problems.push({ offset: offsetOf(pair.key), message: "a merge key (<<) takes a mapping, an alias of one, or a list of them" });
          return;
        }
      }
    },
    Node(_key, node, path) {
      if (isAlias(node)) {
        const offset = offsetOf(node);
        if (++count > MAX_ALIASES) {
          problems.push({ offset, message: `more than ${MAX_ALIASES} aliases in one file; write the values out` });
          return visit.BREAK;
        }
        const target = anchors.get(node.source);
        if (!target) {
          problems.push({ offset, message: `alias *${node.source} refers to no anchor: &${node.source} must be set before it` });
        } else if (path.includes(target)) {
          problems.push({ offset, message: `alias *${node.source} is inside the node it names (&${node.source}): a cycle` });
        } else {
          aliases.push({ offset, target });
          for (const ancestor of path) if ((ancestor as Node).anchor) holdsAlias.add(ancestor as Node);
        }
        return;
      }
      if (node.anchor) anchors.set(node.anchor, node);
      if (isMap(node)) {
        const seen = new Set<string>();
        for (const pair of node.items) {
          const key = keyOf(pair);
          if (key === null) continue;
          if (seen.has(key)) problems.push({ offset: offsetOf(pair.key), message: `the key ${keyText(pair)} is given twice; keys of a mapping must be unique` });
          seen.add(key);
        }
      }
    },
  });
  const nested = aliases.find((alias) => holdsAlias.has(alias.target));
  return { problems, ...(nested ? { nestedAlias: nested.offset } : {}) };
}

/** A scalar key as the yaml package compares keys (its value, typed); null for merge keys and collections. */
function keyOf(pair: Pair): string | null {
  if (!isScalar(pair.key) || typeof pair.key.value === "symbol") return null;
  return `${typeof pair.key.value}:${String(pair.key.value)}`;
}

function keyText(pair: Pair): string {
  const value = String((pair.key as { value: unknown }).value);
  return `"${value.length > 60 ? `${value.slice(0, 60)}…` : value}"`;
}

function offsetOf(node: unknown): number {
  return (node as { range?: [number, number, number] }).range?.[0] ?? 0;
}
