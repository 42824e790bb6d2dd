import { describe, expect, it } from "vitest";
import { cartCount, cartTotalCents, describeCartLoss, mergeCart } from "./cart";
import { cartSchema } from "./cart-schema";

describe("mergeCart", () => {
  it("adds concurrent adds of the same product instead of keeping one", () => {
    expect(mergeCart({ mug: 1 }, { mug: 2 }, { mug: 2 }).data).toEqual({ mug: 3 });
  });
  it("keeps products added on either side", () => {
    expect(mergeCart({}, { mug: 1 }, { pen: 2 }).data).toEqual({ mug: 1, pen: 2 });
  });
  it("applies a removal on one side to the other's quantity", () => {
    expect(mergeCart({ mug: 2 }, { mug: 0 }, { mug: 3 }).data).toEqual({ mug: 1 });
    expect(mergeCart({ mug: 2 }, { mug: 0 }, { mug: 2 }).data).toEqual({ mug: 0 });
  });
  it("never goes below zero or above the limit", () => {
    expect(mergeCart({ mug: 1 }, { mug: 0 }, { mug: 0 }).data).toEqual({ mug: 0 });
    expect(mergeCart({ mug: 50 }, { mug: 99 }, { mug: 99 }).data).toEqual({ mug: 99 });
  });
});

describe("cart helpers", () => {
  it("counts and totals only real lines", () => {
    const cart = { mug: 2, pen: 0, notebook: 1 };
    expect(cartCount(cart)).toBe(3);
    expect(cartTotalCents(cart)).toBe(2 * 1400 + 1200);
  });
  it("rejects unknown products and silly quantities", () => {
    expect(cartSchema.safeParse({ mug: 2 }).success).toBe(true);
    expect(cartSchema.safeParse({ spaceship: 1 }).success).toBe(false);
    expect(cartSchema.safeParse({ mug: 100 }).success).toBe(false);
    expect(cartSchema.safeParse({ mug: 1.5 }).success).toBe(false);
  });
});

describe("what a save of the cart throws away", () => {
  it("names a removed line, counts several, and says nothing of added or changed ones", () => {
    expect(describeCartLoss({ mug: 2, notebook: 1 }, { mug: 0, notebook: 1 })).toBe(
      "removed Enamel mug",
    );
    expect(describeCartLoss({ mug: 2, notebook: 1 }, {})).toBe("removed 2 items");
    expect(describeCartLoss({ mug: 2 }, { mug: 1, notebook: 1 })).toBeNull();
  });
});
