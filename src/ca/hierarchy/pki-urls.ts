// The stable public URLs written into certificates. The server must serve exactly these paths.
export interface PkiUrls {
  caCertificate(caId: string): string;
  crl(caId: string, shard: number): string;
  ocsp: string;
  tsa: string;
  cps: string;
}

export function pkiUrls(baseUrl: string): PkiUrls {
  const base = baseUrl.replace(/\/+$/, "");
  if (!/^https?:\/\/[^\s/]+/.test(base)) throw new RangeError("baseUrl must be an absolute http(s) URL");
  return {
    caCertificate: (caId) => `${base}/pki/ca/${caId}.cer`,
    crl: (caId, shard) => `${base}/pki/crl/${caId}/${shard}.crl`,
    ocsp: `${base}/pki/ocsp`,
    tsa: `${base}/pki/tsa`,
    cps: `${base}/pki/cps`,
  };
}
