// Lane helpers the gate passes share: load/store four floats at index j of a row, or one float
// splatted (the scalar tail of a row whose length is not a multiple of 4), and the step-mask test.

// @ts-expect-error: decorator
@inline export function ld(p: usize, j: i32): v128 {
  return v128.load(p + (<usize>j << 2));
}
// @ts-expect-error: decorator
@inline export function st(p: usize, j: i32, v: v128): void {
  v128.store(p + (<usize>j << 2), v);
}
// @ts-expect-error: decorator
@inline export function ld1(p: usize, j: i32): v128 {
  return f32x4.splat(load<f32>(p + (<usize>j << 2)));
}
// @ts-expect-error: decorator
@inline export function st1(p: usize, j: i32, v: v128): void {
  store<f32>(p + (<usize>j << 2), f32x4.extract_lane(v, 0));
}

// @ts-expect-error: decorator
@inline export function isMasked(mask: usize, r: i32, t: i32, T: i32): bool {
  return mask != 0 && load<f32>(mask + ((<usize>r * T + t) << 2)) == 0;
}

