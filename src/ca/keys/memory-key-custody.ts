// Key custody in process memory: for tests and throwaway demos only (keys vanish on exit).
import { CaError } from "../errors";
import { generateKeyObject, keyObjectSigner } from "./file-key-custody";
import { assertLabel, type KeyCustody, type KeySigner } from "./key-signer";

export function memoryKeyCustody(): KeyCustody {
  const keys = new Map<string, KeySigner>();
  return {
    kind: "file",
    has: async (label) => keys.has(label),
    async generate(label, spec) {
      assertLabel(label);
      if (keys.has(label)) throw new CaError("KEY_EXISTS", `key ${label} already exists`);
      const signer = keyObjectSigner(label, generateKeyObject(spec));
      keys.set(label, signer);
      return signer;
    },
    async open(label) {
      const s = keys.get(label);
      if (!s) throw new CaError("KEY_NOT_FOUND", `no key ${label}`);
      return s;
    },
  };
}
