import type { HolderDeclaration } from "@/server/revocation/get-revocation-case";

/**
 * A hold release's declaration by the holder, for the officer who decides it: how the key was
 * found, and whether the holder declared that nobody else had it (rows of the case's <dl>).
 */
export function HoldReleaseDeclaration({
  declaration,
  labels,
}: {
  declaration: HolderDeclaration;
  labels: { keyFoundHow: string; declared: string; keyNotShared: string; notDeclared: string };
}) {
  return (
    <>
      <dt className="font-medium">{labels.keyFoundHow}</dt>
      <dd className="whitespace-pre-line break-words" data-testid="declaration-key-found">
        {declaration.keyFoundHow ?? "—"}
      </dd>
      <dt className="font-medium">{labels.declared}</dt>
      <dd data-testid="declaration-key-not-shared" data-declared={declaration.keyNotShared ? "yes" : "no"}>
        {declaration.keyNotShared ? labels.keyNotShared : labels.notDeclared}
      </dd>
    </>
  );
}
