;; Luminance for the QR reader with WebAssembly SIMD: Y = (R + 2G + B) >> 2,
;; the same integer fit of BT.601 as writeLuminance() in luminance.ts, and like
;; it symmetric in R and B, so RGBA and BGRA give the same bytes.
;;
;; luminance(src, dst, count): `count` pixels of 4 bytes at `src`, one byte
;; each written at `dst`. Sixteen pixels a step, so `count` must be a multiple
;; of 16; the caller does the tail. Rebuild the embedded copy with
;; `npm run build:wasm` after editing this file (a test checks they agree).
(module
  (memory (export "memory") 1)
  (func (export "luminance") (param $src i32) (param $dst i32) (param $count i32)
    (local $end i32)
    (local $m v128)
    (local $a v128)
    (local $b v128)
    (local $c v128)
    (local $d v128)
    (local.set $end (i32.add (local.get $dst) (local.get $count)))
    (local.set $m (v128.const i32x4 255 255 255 255))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
        ;; Four pixels per vector, one per 32-bit lane (little-endian: byte 0 is the low 8 bits).
        (local.set $a (v128.load offset=0 (local.get $src)))
        (local.set $b (v128.load offset=16 (local.get $src)))
        (local.set $c (v128.load offset=32 (local.get $src)))
        (local.set $d (v128.load offset=48 (local.get $src)))
        ;; Per lane: ((p & 255) + ((p >> 16) & 255) + (((p >> 8) & 255) << 1)) >> 2
        (local.set $a
          (i32x4.shr_u
            (i32x4.add
              (i32x4.add
                (v128.and (local.get $a) (local.get $m))
                (v128.and (i32x4.shr_u (local.get $a) (i32.const 16)) (local.get $m)))
              (i32x4.shl (v128.and (i32x4.shr_u (local.get $a) (i32.const 8)) (local.get $m)) (i32.const 1)))
            (i32.const 2)))
        (local.set $b
          (i32x4.shr_u
            (i32x4.add
              (i32x4.add
                (v128.and (local.get $b) (local.get $m))
                (v128.and (i32x4.shr_u (local.get $b) (i32.const 16)) (local.get $m)))
              (i32x4.shl (v128.and (i32x4.shr_u (local.get $b) (i32.const 8)) (local.get $m)) (i32.const 1)))
            (i32.const 2)))
        (local.set $c
          (i32x4.shr_u
            (i32x4.add
              (i32x4.add
                (v128.and (local.get $c) (local.get $m))
                (v128.and (i32x4.shr_u (local.get $c) (i32.const 16)) (local.get $m)))
              (i32x4.shl (v128.and (i32x4.shr_u (local.get $c) (i32.const 8)) (local.get $m)) (i32.const 1)))
            (i32.const 2)))
        (local.set $d
          (i32x4.shr_u
            (i32x4.add
              (i32x4.add
                (v128.and (local.get $d) (local.get $m))
                (v128.and (i32x4.shr_u (local.get $d) (i32.const 16)) (local.get $m)))
              (i32x4.shl (v128.and (i32x4.shr_u (local.get $d) (i32.const 8)) (local.get $m)) (i32.const 1)))
            (i32.const 2)))
        ;; 16 lanes of 0..255 narrowed to 16 bytes.
        (v128.store (local.get $dst)
          (i8x16.narrow_i16x8_u
            (i16x8.narrow_i32x4_u (local.get $a) (local.get $b))
            (i16x8.narrow_i32x4_u (local.get $c) (local.get $d))))
        (local.set $src (i32.add (local.get $src) (i32.const 64)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (br $next)))))
