import { bodyField, draftInList, newDraft } from "./support/drafts-page";
import { expect, newAccount, signIn, signUp, test } from "./support/fixtures";

test("a second user sees none of the first user's drafts, in the UI or through the API", async ({
  openDevices,
  browser,
  baseURL,
}) => {
  const [alice] = await openDevices(1);
  await newDraft(alice.page, { title: "Alice's secret", body: "only for Alice" });
  const list = (await (await alice.context.request.get("/api/drafts")).json()) as {
    drafts: Array<{ id: string }>;
  };
  const id = list.drafts[0]?.id;
  expect(id).toBeTruthy();

  const bob = newAccount();
  const bobContext = await browser.newContext({ baseURL });
  await signUp(bobContext.request, bob);
  await signIn(bobContext, bob);
  const bobPage = await bobContext.newPage();
  await bobPage.goto("/drafts");
  await expect(bobPage.getByText("No drafts yet")).toBeVisible();
  await expect(draftInList(bobPage, "Alice's secret")).toHaveCount(0);

  const api = bobContext.request;
  expect((await (await api.get("/api/drafts")).json()).drafts).toEqual([]);
  expect((await api.get(`/api/drafts/${id}`)).status()).toBe(404);
  const put = await api.put(`/api/drafts/${id}`, {
    data: { title: "pwned", body: "pwned" },
    headers: { "If-Match": '"v1"' },
  });
  expect(put.status()).toBe(404);
  expect((await api.delete(`/api/drafts/${id}`)).status()).toBe(204);

  // Nothing Bob did reached Alice's draft.
  await alice.page.reload();
  await draftInList(alice.page, "Alice's secret").click();
  await expect(bodyField(alice.page)).toHaveValue("only for Alice");
  await bobContext.close();
});
