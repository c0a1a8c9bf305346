"use client";

export interface Pkcs12PickerLabels {
  legend: string;
  file: string;
  password: string;
  hint: string;
}

/**
 * Picks a PKCS#12 file and its password; the page opens it in the browser (client/certificate-signer)
 * only when it needs the key. The certificate test page and the revocation card use the same one.
 */
export function Pkcs12Picker({
  labels,
  password,
  error,
  reader,
  onFile,
  onPassword,
}: {
  labels: Pkcs12PickerLabels;
  password: string;
  /** The reason the file could not be opened (wrong password, unreadable), shown as an alert. */
  error: string | null;
  /** Which reader opened the file last, for the browser tests. */
  reader: string | null;
  onFile: (file: File | null) => void;
  onPassword: (password: string) => void;
}) {
  return (
    <fieldset className="space-y-2 rounded-md border border-slate-200 p-3" data-testid="p12-picker" data-reader={reader ?? ""}>
      <legend className="px-1 text-sm font-medium">{labels.legend}</legend>
      <p className="text-sm text-slate-600">{labels.hint}</p>
      <label className="block text-sm">
        <span className="font-medium">{labels.file}</span>
        <input type="file" accept=".p12,.pfx,application/x-pkcs12" className="mt-1 block w-full text-sm" onChange={(e) => onFile(e.target.files?.[0] ?? null)} />
      </label>
      <label className="block text-sm">
        <span className="font-medium">{labels.password}</span>
        <input
          type="password"
          autoComplete="off"
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
          value={password}
          onChange={(e) => onPassword(e.target.value)}
        />
      </label>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800" data-testid="p12-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
