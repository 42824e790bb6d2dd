import { describe, expect, it } from "vitest";
import { MemoryStorage } from "@/lib/browser/device/storage";
import { draftKind } from "@/lib/shared/drafts/kind";
import { MAX_GUEST_DRAFTS } from "@/lib/shared/guest/limits";
import { SYNCED_KINDS } from "@/lib/shared/kinds";
import { GuestStore } from "./guest-store";
import { createLocalApi } from "./local-api";
import { GUEST_TRASH_MS, listLocalTrash, trashLocalDraft } from "./local-trash";

function guestApi() {
  const local = new MemoryStorage();
  const store = new GuestStore(() => local, null);
  return { store, api: createLocalApi(store, SYNCED_KINDS) };
}

const newDraft = async (api: ReturnType<typeof guestApi>["api"], title: string) => {
  const { body } = await api<{ draft: { id: string } }>("/api/drafts", {
    method: "POST",
    json: { id: crypto.randomUUID(), title, body: `${title} body` },
  });
  return body?.draft.id as string;
};

describe("a guest's Trash", () => {
  it("takes a deleted draft, lists it, and puts it back under its id, going on from its version", async () => {
    const { api } = guestApi();
    const id = await newDraft(api, "Lists");
    await api(draftKind.url(id), {
      method: "PUT",
      json: { title: "Lists", body: "v2" },
      headers: { "If-Match": '"v1"' },
    });
    const deleted = await api<{ trashed: { id: string; title: string } }>(draftKind.url(id), {
      method: "DELETE",
    });
    expect(deleted.status).toBe(200);
    expect(deleted.body?.trashed.title).toBe("Lists");
    await expect(api(draftKind.url(id))).rejects.toMatchObject({ status: 404 });
    // A second delete finds nothing and changes nothing.
    expect((await api(draftKind.url(id), { method: "DELETE" })).status).toBe(204);

    const { body } = await api<{ trash: Array<{ id: string; preview: string }> }>("/api/trash");
    expect(body?.trash).toEqual([expect.objectContaining({ draftId: id, preview: "v2" })]);
    const trashId = body?.trash[0]?.id as string;
    const restored = await api<{ draft: { id: string; version: number; body: string } }>(
      `/api/trash/${trashId}/restore`,
      { method: "POST" },
    );
    expect(restored.body?.draft).toMatchObject({ id, version: 3, body: "v2" });
    expect(restored.etag).toBe('"v3"');
    expect((await api<{ trash: unknown[] }>("/api/trash")).body?.trash).toEqual([]);
    await expect(api(`/api/trash/${trashId}/restore`, { method: "POST" })).rejects.toMatchObject({
      status: 404,
      code: "not_found",
    });
    await expect(api("/api/trash", { method: "PUT" })).rejects.toMatchObject({ status: 405 });
  });

  it("deletes one for good or empties it, and lets go of what expired", async () => {
    const { api, store } = guestApi();
    for (const title of ["a", "b", "c"]) {
      const id = await newDraft(api, title);
      await api(draftKind.url(id), { method: "DELETE" });
    }
    const list = async () =>
      (await api<{ trash: Array<{ id: string; title: string }> }>("/api/trash")).body?.trash ?? [];
    const [newest] = await list();
    expect(newest?.title).toBe("c");
    expect((await api(`/api/trash/${newest?.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await list()).map((entry) => entry.title).sort()).toEqual(["a", "b"]);
    expect((await api<{ emptied: number }>("/api/trash", { method: "DELETE" })).body).toEqual({
      emptied: 2,
    });
    expect(await list()).toEqual([]);

    const data = store.read();
    data.docs["draft:x"] = {
      id: "x",
      version: 1,
      data: { title: "x", body: "" },
      createdAt: "",
      updatedAt: "",
    };
    trashLocalDraft(data, "x", 1_000);
    expect(listLocalTrash(data, 1_000 + GUEST_TRASH_MS - 1).body.trash).toHaveLength(1);
    expect(listLocalTrash(data, 1_000 + GUEST_TRASH_MS).body.trash).toEqual([]);
  });

  it("keeps at most MAX_GUEST_DRAFTS, letting the oldest go", () => {
    const { store } = guestApi();
    const data = store.read();
    for (let i = 0; i <= MAX_GUEST_DRAFTS; i++) {
      data.docs[`draft:${i}`] = {
        id: String(i),
        version: 1,
        data: { title: `t${i}`, body: "" },
        createdAt: "",
        updatedAt: "",
      };
      trashLocalDraft(data, String(i), 1_000 + i);
    }
    const titles = listLocalTrash(data, 2_000).body.trash.map((entry) => entry.title);
    expect(titles).toHaveLength(MAX_GUEST_DRAFTS);
    expect(titles).not.toContain("t0");
    expect(titles[0]).toBe(`t${MAX_GUEST_DRAFTS}`);
  });
});
