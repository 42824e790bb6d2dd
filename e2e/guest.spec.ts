import { bodyField, draftInList, saveStatus, titleField } from "./support/drafts-page";
import { expect, newAccount, signIn, signUp, test } from "./support/fixtures";
import { browserStorage } from "./support/storage";

test("a guest's draft and cart stay in the browser, are sent nowhere, and are there after reopening it", async ({
  browser,
  baseURL,
}) => {
  const first = await browser.newContext({ baseURL });
  const page = await first.newPage();
  const apiCalls: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/api/")) apiCalls.push(request.url());
  });
  await page.goto("/drafts");
  await expect(page.getByText("Guest", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "New draft" }).click();
  await titleField(page).fill("Guest idea");
  await bodyField(page).fill("written without an account");
  await expect(saveStatus(page)).toHaveText("Saved on this device");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Shop" }).click();
  await page.getByRole("button", { name: "Add Enamel mug to cart" }).click();
  await page.getByRole("button", { name: "Add Enamel mug to cart" }).click();
  await expect(page.getByTestId("cart-badge")).toHaveText(/^2/);
  expect(apiCalls).toEqual([]);

  const saved = await first.storageState();
  await first.close();

  const second = await browser.newContext({ baseURL, storageState: saved });
  const again = await second.newPage();
  await again.goto("/drafts");
  await draftInList(again, "Guest idea").click();
  await expect(bodyField(again)).toHaveValue("written without an account");
  await again.goto("/cart");
  await expect(again.getByLabel("Quantity of Enamel mug")).toHaveValue("2");
  await second.close();
});

test("guest data that expired is gone, and the dismissed notice stays dismissed", async ({
  page,
}) => {
  await page.goto("/drafts");
  await page.getByRole("button", { name: "Got it" }).click();
  await page.getByRole("button", { name: "New draft" }).click();
  await titleField(page).fill("Old idea");
  await expect(draftInList(page, "Old idea")).toBeVisible();

  await page.reload();
  await expect(draftInList(page, "Old idea")).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Notice" })).toHaveCount(0);

  // Eight days later, as far as the stored expiry is concerned.
  await page.evaluate(() => {
    const raw = JSON.parse(localStorage.getItem("handoff:guest") ?? "{}");
    localStorage.setItem("handoff:guest", JSON.stringify({ ...raw, expiresAt: Date.now() - 1 }));
  });
  await page.reload();
  await expect(page.getByText("No drafts yet")).toBeVisible();
  expect((await browserStorage(page)).local["handoff:guest"]).toBeUndefined();
});

test("signing in merges the guest's drafts, cart and form into the account once, even from two tabs", async ({
  browser,
  baseURL,
  request,
}) => {
  const account = newAccount();
  await signUp(request, account);
  // The account already has a mug in its cart.
  const elsewhere = await browser.newContext({ baseURL });
  await signIn(elsewhere, account);
  await elsewhere.request.put("/api/cart", { data: { mug: 2 }, headers: { "If-Match": '"v0"' } });

  const context = await browser.newContext({ baseURL });
  const tab1 = await context.newPage();
  await tab1.goto("/drafts");
  // A draft deleted as a guest waits in the guest's Trash: it moves too.
  await tab1.getByRole("button", { name: "New draft" }).click();
  await titleField(tab1).fill("Guest mistake");
  await expect(saveStatus(tab1)).toHaveText("Saved on this device");
  await tab1.getByRole("button", { name: "Delete", exact: true }).click();
  await tab1.getByRole("button", { name: "Confirm delete" }).click();
  await expect(draftInList(tab1, "Guest mistake")).toHaveCount(0);
  await tab1.getByRole("button", { name: "New draft" }).click();
  await titleField(tab1).fill("Guest idea");
  await tab1.goto("/shop");
  await tab1.getByRole("button", { name: "Add Enamel mug to cart" }).click();
  await tab1.getByRole("button", { name: "Add USB-C cable to cart" }).click();
  await tab1.goto("/apply");
  await tab1.getByLabel("Full name").fill("Grace Hopper");
  const tab2 = await context.newPage();
  await tab2.goto("/drafts");

  // Both tabs come back signed in at the same moment: both try to merge.
  await signIn(context, account);
  await Promise.all([tab1.goto("/drafts"), tab2.reload()]);
  for (const tab of [tab1, tab2]) await expect(draftInList(tab, "Guest idea")).toBeVisible();
  // Tab 1 still had the guest draft open: it opens again, now as the account's.
  await expect(titleField(tab1)).toHaveValue("Guest idea");

  const api = context.request;
  await expect
    .poll(async () =>
      ((await (await api.get("/api/drafts")).json()) as { drafts: { title: string }[] }).drafts.map(
        (d) => d.title,
      ),
    )
    .toEqual(["Guest idea"]);
  const { cart } = await (await api.get("/api/cart")).json();
  expect(cart.data).toMatchObject({ mug: 3, cable: 1 });
  const { application } = await (await api.get("/api/application")).json();
  expect(application.data.fullName).toBe("Grace Hopper");
  const { trash } = await (await api.get("/api/trash")).json();
  expect(trash.map((entry: { title: string }) => entry.title)).toEqual(["Guest mistake"]);
  // Moved out of the browser.
  expect((await browserStorage(tab1)).local["handoff:guest"]).toBeUndefined();
  await elsewhere.close();
  await context.close();
});

test("sealed shipping details: the browser keeps only ciphertext, the order gets the address", async ({
  browser,
  baseURL,
  request,
}) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/shop");
  await page.getByRole("button", { name: "Add Phone stand to cart" }).click();
  await page.goto("/cart");
  await page.getByLabel("Recipient").fill("Ada Lovelace");
  await page.getByLabel("Street").fill("12 Analytical Engine Row");
  await page.getByLabel("City").fill("London");
  await page.getByLabel("Postcode").fill("W1 2AB");
  await page.getByRole("button", { name: "Keep sealed on this device" }).click();
  await expect(page.getByTestId("sealed-shipping")).toBeVisible();

  const stored = await browserStorage(page);
  const everything = JSON.stringify(stored);
  expect(everything).not.toContain("Analytical");
  expect(everything).not.toContain("Lovelace");
  expect(stored.local["handoff:guest"]).toMatch(/sealedShipping/);

  const account = newAccount();
  await signUp(request, account);
  await signIn(context, account);
  await page.goto("/cart");
  await expect(page.getByTestId("cart-total")).toHaveText("$22.00");
  await page.getByRole("button", { name: "Check out" }).click();
  await expect(page.locator("main").getByRole("alert")).toContainText("Order placed");
  const { orders } = await (await context.request.get("/api/orders")).json();
  expect(orders[0].shipping).toMatchObject({
    name: "Ada Lovelace",
    street: "12 Analytical Engine Row",
  });
  await context.close();
});

test("the import API merges one guest data set once, however often it is sent", async ({
  openDevices,
}) => {
  const [device] = await openDevices(1);
  const api = device.context.request;
  const payload = {
    importId: "5f0c7a3e-9d1b-4c55-8a35-0d2f4b1e6a77",
    drafts: [
      { id: "a3c1e0f2-5b6d-4e7f-8a9b-0c1d2e3f4a5b", title: "From the guest", body: "hello" },
    ],
    cart: { pen: 2 },
    form: { fullName: "", email: "", plan: "", startDate: "", motivation: "", agree: false },
    sealedShipping: null,
  };
  const answers = await Promise.all(
    [1, 2, 3].map(() => api.post("/api/import", { data: payload })),
  );
  const results = await Promise.all(answers.map((answer) => answer.json()));
  expect(answers.map((a) => a.status())).toEqual([200, 200, 200]);
  expect(results.filter((r) => r.imported)).toHaveLength(1);
  const { drafts } = await (await api.get("/api/drafts")).json();
  expect(drafts.map((d: { title: string }) => d.title)).toEqual(["From the guest"]);
  expect((await (await api.get("/api/cart")).json()).cart.data).toEqual({ pen: 2 });
  const bad = await api.post("/api/import", { data: { ...payload, importId: "not-a-uuid" } });
  expect(bad.status()).toBe(400);
});
