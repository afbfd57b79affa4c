// Parses and re-serializes every structured-field case of the corpus with the structured-headers package.
// in:  { cases: [{ type: "item" | "list" | "dictionary", input }], numbers: [decimal text] }
// out: { cases: [{ ok: true, serialized } | { ok: false, error }], numbers: [same, for serializeItem(Number(text))] }
import { parseItem, parseList, parseDictionary, serializeItem, serializeList, serializeDictionary } from "structured-headers";
import { readInput, writeOutput, run } from "./io.mjs";

const codecs = {
  item: [parseItem, serializeItem],
  list: [parseList, serializeList],
  dictionary: [parseDictionary, serializeDictionary],
};

function attempt(action) {
  try {
    return { ok: true, serialized: action() };
  } catch (error) {
    return { ok: false, error: `${error?.name}: ${error?.message}` };
  }
}

run(async () => {
  const input = await readInput();
  const cases = input.cases.map(({ type, input: text }) => {
    const codec = codecs[type];
    if (!codec) throw new Error(`unknown field type '${type}'`);
    const [parse, serialize] = codec;
    return attempt(() => serialize(parse(text)));
  });
  // Serializing a number exercises the decimal rounding (RFC 8941 4.1.5) that parsing never needs.
  const numbers = (input.numbers ?? []).map((text) => attempt(() => serializeItem([Number(text), new Map()])));
  writeOutput({ cases, numbers });
});
