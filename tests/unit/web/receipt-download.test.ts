import { describe, expect, it } from "vitest";
import { receiptDownload, receiptPath } from "@/server/web/receipt-download";

const id = "3f0e0c6e-0000-4000-8000-000000000001";
const files = { json: '{"a":1}', p7s: Buffer.from([0x30, 0x01]), tsr: Buffer.from([0x30, 0x02]), chainPem: "-----BEGIN CERTIFICATE-----\n", timestampToken: Buffer.alloc(0), chainDer: [] };

describe("receipt routes' path checks", () => {
  it("a malformed id or an unknown file is NOT_FOUND before anything is read", () => {
    expect(() => receiptPath({ id: "not-a-uuid", file: "receipt.p7s" }, ["id"])).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(() => receiptPath({ id, requestId: "1'; drop table", file: "receipt.p7s" }, ["id", "requestId"])).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(() => receiptPath({ id, file: "../../etc/passwd" }, ["id"])).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(() => receiptPath({ id, file: "tsa.pem" }, ["id"])).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(receiptPath({ id, file: "receipt.tsr" }, ["id"])).toBe("receipt.tsr");
  });

  it("serves each file under the name the printed commands use, with its media type", async () => {
    const p7s = receiptDownload(files, "receipt.p7s", "acceptance-receipt-3f0e0c6e");
    expect(p7s.headers.get("content-disposition")).toBe('attachment; filename="acceptance-receipt-3f0e0c6e.p7s"');
    expect(p7s.headers.get("content-type")).toBe("application/pkcs7-signature");
    expect(Buffer.from(await p7s.arrayBuffer())).toEqual(files.p7s);
    expect(receiptDownload(files, "chain.pem", "acceptance-receipt-3f0e0c6e").headers.get("content-disposition")).toBe('attachment; filename="acceptance-receipt-3f0e0c6e-chain.pem"');
    expect(receiptDownload(files, "receipt.tsr", "x").headers.get("content-type")).toBe("application/timestamp-reply");
    expect(await receiptDownload(files, "receipt.json", "x").text()).toBe(files.json);
  });
});
