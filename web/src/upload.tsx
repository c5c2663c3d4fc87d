// Add articles (admin): upload a file of any kind `toll ingest` reads (HTML, text, RSS/Atom, WARC, JSONL) or give a
// URL to fetch. The server stores, extracts and reconciles it, then answers with what it did.
import { useState } from "preact/hooks";
import { api } from "./api.ts";
import { num } from "./url.ts";

interface IngestResult {
  read: number;
  inserted: number;
  duplicates: number;
  revisions: number;
  claims: number;
  errors: string[];
  seconds: number;
}

function base64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The API takes letters, digits, _ . - in a file name; the extension is what matters (it tells the kind). */
function safeName(name: string): string {
  return name.replace(/[^\w.-]+/g, "_").slice(-200) || "upload.txt";
}

export function UploadView() {
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<IngestResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const send = async (body: Record<string, string>) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api<IngestResult>("/api/ingest", { method: "POST", body }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="upload-h" class="upload">
      <h1 id="upload-h">Add articles</h1>
      <form
        aria-labelledby="upload-file-h"
        onSubmit={(e) => {
          e.preventDefault();
          if (!file) return setError("choose a file first");
          void file
            .arrayBuffer()
            .then((buf) => send({ filename: safeName(file.name), content_base64: base64(buf) }));
        }}
      >
        <h2 id="upload-file-h">From a file</h2>
        <label>
          File (HTML, text, RSS/Atom, WARC, JSONL)
          <input
            type="file"
            name="file"
            onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)}
          />
        </label>
        <button type="submit" disabled={busy}>
          Upload and extract
        </button>
      </form>
      <form
        aria-labelledby="upload-url-h"
        onSubmit={(e) => {
          e.preventDefault();
          void send({ url: url.trim() });
        }}
      >
        <h2 id="upload-url-h">From a web address</h2>
        <label>
          URL
          <input
            type="url"
            name="url"
            required
            placeholder="https://…"
            value={url}
            onInput={(e) => setUrl((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" disabled={busy}>
          Fetch and extract
        </button>
      </form>
      <div aria-live="polite">
        {busy && <p>Working…</p>}
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        {result && (
          <div class="result">
            <p>
              Read {num(result.read)} article{result.read === 1 ? "" : "s"}: {num(result.inserted)} new,{" "}
              {num(result.duplicates)} already stored, {num(result.revisions)} revised; {num(result.claims)}{" "}
              claims extracted in {result.seconds.toFixed(1)} s. <a href="#/">See the incidents</a>.
            </p>
            {result.errors.length > 0 && (
              <ul class="error">
                {result.errors.map((x) => (
                  <li>{x}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
