import type { APIRequestContext, Page } from "@playwright/test";
import { expect, newAccount, signUp, test } from "./support/fixtures";

const badge = (page: Page) => page.getByTestId("cart-badge");
const addButton = (page: Page, name: string) =>
  page.getByRole("button", { name: `Add ${name} to cart` });
const orders = async (api: APIRequestContext) =>
  (
    (await (await api.get("/api/orders")).json()) as {
      orders: Array<{ lines: Array<{ productId: string; quantity: number }>; totalCents: number }>;
    }
  ).orders;

test("the cart badge follows the user to every device, and a quantity change too", async ({
  openDevices,
}) => {
  const [a, b] = await openDevices(2, { path: "/shop" });
  await addButton(a.page, "Enamel mug").click();
  await addButton(a.page, "Fine-liner pen").click();
  await expect(badge(a.page)).toHaveText(/^2/);
  await expect(badge(b.page)).toHaveText(/^2/);

  await b.page.getByRole("link", { name: /^Cart/ }).click();
  await b.page.getByLabel("Quantity of Enamel mug").fill("3");
  await expect(badge(a.page)).toHaveText(/^4/);
  await b.page.getByRole("button", { name: "Remove Fine-liner pen" }).click();
  await expect(badge(a.page)).toHaveText(/^3/);
});

test("concurrent adds on two devices both count", async ({ openDevices }) => {
  const [a, b] = await openDevices(2, { path: "/shop" });
  await expect(addButton(b.page, "Enamel mug")).toBeEnabled();
  await Promise.all([
    addButton(a.page, "Enamel mug").click(),
    addButton(b.page, "Enamel mug").click(),
  ]);
  await Promise.all([
    addButton(a.page, "Enamel mug").click(),
    addButton(b.page, "Enamel mug").click(),
  ]);
  for (const device of [a, b]) await expect(badge(device.page)).toHaveText(/^4/);
  const cart = await (await a.context.request.get("/api/cart")).json();
  expect(cart.cart.data.mug).toBe(4);
});

test("check out on two devices at once makes exactly one order and empties the cart everywhere", async ({
  openDevices,
}) => {
  const [a, b] = await openDevices(2, { path: "/shop" });
  await addButton(a.page, "Canvas tote").click();
  await addButton(a.page, "Canvas tote").click();
  await expect(badge(b.page)).toHaveText(/^2/);
  for (const device of [a, b]) {
    await device.page.getByRole("link", { name: /^Cart/ }).click();
    await expect(device.page.getByTestId("cart-total")).toHaveText("$36.00");
  }

  await Promise.all([
    a.page.getByRole("button", { name: "Check out" }).click(),
    b.page.getByRole("button", { name: "Check out" }).click(),
  ]);
  for (const device of [a, b]) {
    await expect(device.page.locator("main").getByRole("alert")).toContainText(
      /Order placed|already placed/,
    );
    await expect(device.page.getByText("Your cart is empty")).toBeVisible();
    await expect(badge(device.page)).toHaveCount(0);
  }
  const placed = await orders(a.context.request);
  expect(placed).toHaveLength(1);
  expect(placed[0]).toMatchObject({
    lines: [{ productId: "tote", quantity: 2 }],
    totalCents: 3600,
  });

  await a.page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Orders" })
    .click();
  await expect(
    a.page.getByRole("list", { name: "Orders" }).getByText("2 × Canvas tote"),
  ).toBeVisible();
});

test("cart API: validation, If-Match, and no access to another user's orders", async ({
  openDevices,
  request,
}) => {
  const [a] = await openDevices(1, { path: "/shop" });
  const api = a.context.request;
  expect(
    (
      await api.put("/api/cart", { data: { spaceship: 1 }, headers: { "If-Match": '"v0"' } })
    ).status(),
  ).toBe(400);
  expect((await api.put("/api/cart", { data: { mug: 1 } })).status()).toBe(428);
  const first = await api.put("/api/cart", { data: { mug: 1 }, headers: { "If-Match": '"v0"' } });
  expect(first.status()).toBe(200);
  const stale = await api.put("/api/cart", { data: { mug: 5 }, headers: { "If-Match": '"v0"' } });
  expect(stale.status()).toBe(412);
  expect((await stale.json()).current).toMatchObject({ version: 1, data: { mug: 1 } });
  expect((await api.post("/api/cart/checkout", { headers: { "If-Match": '"v0"' } })).status()).toBe(
    412,
  );
  const placed = await api.post("/api/cart/checkout", { headers: { "If-Match": '"v1"' } });
  expect(placed.status()).toBe(201);
  const again = await api.post("/api/cart/checkout", { headers: { "If-Match": '"v1"' } });
  expect(again.status()).toBe(200);
  expect((await again.json()).repeated).toBe(true);
  const orderId = (await placed.json()).order.id;
  expect((await api.get(`/api/orders/${orderId}`)).status()).toBe(200);

  expect((await request.get(`/api/orders/${orderId}`)).status()).toBe(401);
  const someoneElse = newAccount();
  await signUp(request, someoneElse);
  const [other] = await openDevices(1, { account: someoneElse, path: "/orders" });
  expect((await other.context.request.get(`/api/orders/${orderId}`)).status()).toBe(404);
  expect((await (await other.context.request.get("/api/orders")).json()).orders).toEqual([]);
  expect((await (await other.context.request.get("/api/cart")).json()).cart.version).toBe(0);
});
