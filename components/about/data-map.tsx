"use client";

import { useEffect, useState } from "react";
import useSWR from "swr";
import { clearHandoffStorage, deleteHandoffDatabases } from "@/lib/browser/device/storage";
import { forgetPages } from "@/lib/browser/offline/page-cache";
import { useSyncClient } from "@/lib/browser/sync/context";
import { useDocPoll } from "@/lib/browser/sync/use-synced-doc";
import { DRAFTS_URL } from "@/lib/shared/drafts/urls";
import { settingsKind } from "@/lib/shared/settings/kind";
import { versionTag } from "@/lib/shared/sync/kind";

interface StorageRow {
  key: string;
  bytes: number;
}

interface Snapshot {
  local: StorageRow[];
  session: StorageRow[];
  indexedDb: string[];
  caches: string[];
  cookies: string[];
}

const rows = (storage: Storage): StorageRow[] =>
  Object.keys(storage)
    .sort()
    .map((key) => ({ key, bytes: new Blob([storage.getItem(key) ?? ""]).size }));

async function readBrowser(): Promise<Snapshot> {
  const databases = "databases" in indexedDB ? await indexedDB.databases() : [];
  return {
    local: rows(localStorage),
    session: rows(sessionStorage),
    indexedDb: databases.map((db) => db.name ?? "(unnamed)"),
    caches: typeof caches === "undefined" ? [] : await caches.keys(),
    cookies: document.cookie ? document.cookie.split("; ").map((c) => c.split("=")[0] ?? "") : [],
  };
}

function Keys({ list, empty }: { list: StorageRow[]; empty: string }) {
  if (list.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="keys">
      {list.map((row) => (
        <li key={row.key}>
          <code>{row.key}</code> <span className="hint">{row.bytes} bytes</span>
        </li>
      ))}
    </ul>
  );
}

/** Which data lives where for this visitor, read live from this browser (and the account). */
export function DataMap() {
  const client = useSyncClient();
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  useEffect(() => {
    const read = () => void readBrowser().then(setSnapshot);
    read();
    const timer = setInterval(read, 1000);
    return () => clearInterval(timer);
  }, []);
  const user = client.scope.kind === "user";

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region takes focus so a keyboard can scroll it (WCAG 2.1.1)
    <section className="page narrow data-map" tabIndex={0} aria-labelledby="data-map-heading">
      <h1 id="data-map-heading">Where your data lives</h1>
      <p className="hint">
        Read live from this browser every second. Nothing here is a description: it is what is
        stored now.
      </p>

      <h2>Session (cookie)</h2>
      <p>
        {user
          ? "You are signed in. Who you are travels in a signed, encrypted JWT in an http-only cookie: scripts cannot read it, any server can check it, none keeps a copy."
          : "You are a guest: no session cookie, nothing of yours on the server."}
      </p>
      {snapshot && snapshot.cookies.length > 0 && (
        <p className="hint">Cookies scripts can see: {snapshot.cookies.join(", ")}</p>
      )}

      <h2>Database</h2>
      {user ? (
        <AccountCounts />
      ) : (
        <p>Nothing. Sign in and your guest data moves into the database.</p>
      )}

      <h2>localStorage (this browser, until removed)</h2>
      {snapshot ? <Keys list={snapshot.local} empty="Empty." /> : <p className="empty">Reading…</p>}
      <p className="hint">
        {user
          ? "Edits not yet acknowledged by the server wait here (handoff:outbox:…), and leave when saved. Signing out removes every key."
          : "Your drafts, cart, form and playback position (handoff:guest), and edits not yet written there (handoff:outbox:guest), expire 7 days after your last change; the notice you dismissed is remembered (handoff:notice)."}
      </p>

      <h2>sessionStorage (this tab only)</h2>
      {snapshot ? (
        <Keys list={snapshot.session} empty="Empty." />
      ) : (
        <p className="empty">Reading…</p>
      )}
      <p className="hint">The open draft and the shop search.</p>

      <h2>IndexedDB</h2>
      {snapshot ? (
        snapshot.indexedDb.length ? (
          <p>{snapshot.indexedDb.join(", ")}</p>
        ) : (
          <p className="empty">No databases.</p>
        )
      ) : null}

      <p className="hint">
        {user
          ? client.storage.keepsNothing
            ? "None of yours: “Keep nothing on this device” is on."
            : "handoff-copy-…: the last answer of each of your API requests, encrypted with a key made on this device (not readable in the clear), shown when the server cannot be reached (offline, or a deploy under way) or is slow, and replaced by every fresh one. Your shipping details are never copied. Signing out, or the end of your session (even offline), deletes it."
          : "Nothing: your data is in localStorage above."}
      </p>

      <h2>Cache Storage (the service worker)</h2>
      {snapshot ? (
        snapshot.caches.length ? (
          <p>{snapshot.caches.join(", ")}</p>
        ) : (
          <p className="empty">No caches.</p>
        )
      ) : null}
      <p className="hint">
        handoff-pages: every page of the app as last fetched for you, so Handoff opens without a
        network; kept for one person at a time, deleted on sign-out and when someone else uses
        Handoff here. serwist-precache-…: the app's own built files, the same for everyone.
      </p>

      <h2>Memory (gone on reload)</h2>
      <p>
        The last answer of every request and its ETag, which tab replays the outbox for the others,
        live edits passed between tabs (BroadcastChannel).
        {client.storage.keepsNothing
          ? " With “Keep nothing on this device”, also what would otherwise be in Web Storage."
          : ""}
      </p>

      {user && <KeepNothingSetting />}
    </section>
  );
}

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

function AccountCounts() {
  const { fetcher } = useSyncClient();
  const drafts = useSWR<{ drafts: unknown[] }>(DRAFTS_URL, fetcher);
  const orders = useSWR<{ orders: unknown[] }>("/api/orders", fetcher);
  return (
    <p data-testid="account-counts">
      {drafts.data ? count(drafts.data.drafts.length, "draft") : "…"},{" "}
      {orders.data ? count(orders.data.orders.length, "order") : "…"}, your cart, your application
      and where you paused the video.
    </p>
  );
}

/** "Keep nothing on this device": saved in the account, applied from the next page load on. */
function KeepNothingSetting() {
  const client = useSyncClient();
  const { data, mutate } = useDocPoll(settingsKind);
  const [saving, setSaving] = useState(false);
  if (!data?.settings) return null;
  const { version, data: settings } = data.settings;
  const toggle = async (keepNothing: boolean) => {
    setSaving(true);
    try {
      await client.http(settingsKind.url(""), {
        method: "PUT",
        json: { keepNothing },
        headers: { "If-Match": versionTag(version) },
      });
      // Takes effect from a fresh page; what the device held is sent first, then removed.
      if (keepNothing) {
        await client.sendPendingEdits();
        await client.stopCopying();
        clearHandoffStorage();
        await Promise.all([deleteHandoffDatabases(), forgetPages()]);
      }
      window.location.reload();
    } finally {
      setSaving(false);
      void mutate();
    }
  };
  return (
    <div className="card">
      <h2>On this device</h2>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.keepNothing}
          disabled={saving}
          onChange={(event) => void toggle(event.target.checked)}
        />
        Keep nothing on this device
      </label>
      <p className="hint">
        Nothing of yours goes into localStorage, sessionStorage, IndexedDB or Cache Storage;
        everything is fetched again on reload, and Handoff does not open offline. Edits made while
        offline then live only as long as the page.
      </p>
    </div>
  );
}
