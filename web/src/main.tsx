// The dashboard shell: hash routes (#/?filters, #/totals?filters, #/incident/ID, #/article/ID, #/claim/ID, #/review,
// #/audit, #/upload, #/login; see url.ts), the session.
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api, setCsrf } from "./api.ts";
import type { Me } from "./api.ts";
import { ArticleView } from "./article.tsx";
import { AuditPage } from "./audit.tsx";
import { ClaimPage } from "./claim.tsx";
import { IncidentView } from "./incident.tsx";
import { IncidentsView } from "./incidents.tsx";
import { ReviewQueue } from "./review.tsx";
import { TotalsView } from "./totals.tsx";
import { UploadView } from "./upload.tsx";
import { parseHash } from "./url.ts";
import "./style.css";

function useHash(): [string, (h: string) => void] {
  const [hash, setHash] = useState(location.hash || "#/");
  useEffect(() => {
    const on = () => setHash(location.hash || "#/");
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  return [hash, (h: string) => (location.hash = h)];
}

function Login({ onLogin }: { onLogin: (m: Me) => void }) {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      class="login"
      aria-labelledby="login-h"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          const r = await api<{ user: Me["user"]; csrf: string }>("/api/login", { method: "POST", body: { name, password } });
          setCsrf(r.csrf);
          onLogin({ user: r.user, csrf: r.csrf, public: true });
        } catch (err) {
          setError((err as Error).message);
        }
      }}
    >
      <h1 id="login-h">Log in</h1>
      <label>
        Name
        <input name="name" autoComplete="username" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
      </label>
      {error && <p role="alert" class="error">{error}</p>}
      <button type="submit">Log in</button>
    </form>
  );
}

function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [hash, go] = useHash();
  useEffect(() => {
    api<Me>("/api/me").then(
      (m) => (setCsrf(m.csrf), setMe(m)),
      () => setMe({ user: null, csrf: null, public: false }),
    );
  }, []);
  if (!me) return <p>Loading…</p>;
  const canReview = me.user !== null && me.user.role !== "viewer";
  const mustLogin = !me.user && !me.public;
  const { route, arg, params } = parseHash(hash);
  let page;
  if (route === "login" || mustLogin) page = <Login onLogin={(m) => (setMe(m), route === "login" && go("#/"))} />;
  else if (route === "incident" && arg) page = <IncidentView id={arg} canReview={canReview} go={go} />;
  else if (route === "article" && arg) page = <ArticleView id={arg} canReview={canReview} />;
  else if (route === "totals") page = <TotalsView params={params} go={go} />;
  else if (route === "upload") page = me.user?.role === "admin" ? <UploadView /> : <p>Log in as an admin to add articles.</p>;
  else if (route === "review") page = canReview ? <ReviewQueue go={go} /> : <p>Log in as an analyst to review.</p>;
  else if (route === "audit") page = <AuditPage />;
  else if (route === "claim" && arg) page = <ClaimPage id={arg} canReview={canReview} />;
  else page = <IncidentsView params={params} go={go} />;
  return (
    <>
      <header class="top">
        <a href="#/" class="brand">
          Toll
        </a>
        <nav aria-label="Main">
          <a href="#/">Incidents</a>
          <a href="#/totals">Totals</a>
          {me.user?.role === "admin" && <a href="#/upload">Add articles</a>}
          {canReview && <a href="#/review">Review queue</a>}
          {canReview && <a href="#/audit">Audit</a>}
          <a href="/openapi.json">API</a>
        </nav>
        <span class="who">
          {me.user ? (
            <>
              {me.user.name} ({me.user.role}){" "}
              <button
                type="button"
                onClick={() => void api("/api/logout", { method: "POST" }).then(() => (setCsrf(null), setMe({ user: null, csrf: null, public: me.public })))}
              >
                Log out
              </button>
            </>
          ) : (
            <a href="#/login">Log in</a>
          )}
        </span>
      </header>
      <main>{page}</main>
    </>
  );
}

render(<App />, document.getElementById("app")!);
