;; Luminance for the QR reader with WebAssembly SIMD: Y = (R + 2G + B) >> 2,
;; the same integer fit of BT.601 as writeLuminance() in luminance.ts, and like
;; it symmetric in R and B, so RGBA and BGRA give the same bytes.
;;
;; luminance(src, dst, count): `count` pixels of 4 bytes at `src`, one byte
;; each written at `dst`. Sixteen pixels a step, so `count` must be a multiple
;; of 16; the caller does the tail. Rebuild the embedded copy with
;; `npm run build:wasm` after editing this file (a test checks they agree).
;;
;; block_stats, black_points, block_thresholds and threshold are the steps of
;; a local-average binariser (local-threshold.ts has the whole algorithm in
;; plain JS, and a test checks that these give the same bytes). Blocks are 8×8 at
;; x = min(8·bx, width − 8), y = min(8·by, height − 8), as in zxing's
;; HybridBinarizer; two neighbouring blocks are read as one 16-byte vector.
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
        (br $next))))

  ;; Where block b starts along a side: 8·b, the last block moved in to end at the edge.
  (func $start (param $b i32) (param $side i32) (result i32)
    (select
      (i32.shl (local.get $b) (i32.const 3))
      (i32.sub (local.get $side) (i32.const 8))
      (i32.le_u (i32.shl (local.get $b) (i32.const 3)) (i32.sub (local.get $side) (i32.const 8)))))

  ;; Whether block bx's neighbour bx + 1 starts 8 bytes after it (so both are one vector).
  (func $paired (param $bx i32) (param $sw i32) (param $width i32) (result i32)
    (i32.and
      (i32.lt_u (i32.add (local.get $bx) (i32.const 1)) (local.get $sw))
      (i32.le_u (i32.add (i32.shl (local.get $bx) (i32.const 3)) (i32.const 16)) (local.get $width))))

  ;; block_stats(grey, width, height, sums, mins, maxs): for each 8×8 block i
  ;; (row-major, ceil(width/8) per row) the sum of its pixels as a u16 at
  ;; sums + 2i, its darkest at mins + i and its lightest at maxs + i. Reads up
  ;; to 8 bytes past the image: the caller leaves them in bounds.
  (func (export "block_stats")
    (param $grey i32) (param $width i32) (param $height i32)
    (param $sums i32) (param $mins i32) (param $maxs i32)
    (local $sw i32) (local $sh i32) (local $bx i32) (local $by i32) (local $i i32)
    (local $row i32) (local $p i32) (local $r i32)
    (local $v v128) (local $lo v128) (local $hi v128) (local $acc v128)
    (local.set $sw (i32.shr_u (i32.add (local.get $width) (i32.const 7)) (i32.const 3)))
    (local.set $sh (i32.shr_u (i32.add (local.get $height) (i32.const 7)) (i32.const 3)))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $by) (local.get $sh)))
        (local.set $row
          (i32.add (local.get $grey)
            (i32.mul (local.get $width)
              (call $start (local.get $by) (local.get $height)))))
        (local.set $bx (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $bx) (local.get $sw)))
            (local.set $p
              (i32.add (local.get $row)
                (call $start (local.get $bx) (local.get $width))))
            (local.set $v (v128.load (local.get $p)))
            (local.set $lo (local.get $v))
            (local.set $hi (local.get $v))
            (local.set $acc (i16x8.extadd_pairwise_i8x16_u (local.get $v)))
            (local.set $r (i32.const 1))
            (loop $more
              (local.set $p (i32.add (local.get $p) (local.get $width)))
              (local.set $v (v128.load (local.get $p)))
              (local.set $lo (i8x16.min_u (local.get $lo) (local.get $v)))
              (local.set $hi (i8x16.max_u (local.get $hi) (local.get $v)))
              (local.set $acc (i16x8.add (local.get $acc) (i16x8.extadd_pairwise_i8x16_u (local.get $v))))
              (local.set $r (i32.add (local.get $r) (i32.const 1)))
              (br_if $more (i32.lt_u (local.get $r) (i32.const 8))))
            ;; Fold each 8-byte half to its lane 0 (left block) and lane 8 (right block).
            (local.set $lo (i8x16.min_u (local.get $lo)
              (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $lo) (local.get $lo))))
            (local.set $lo (i8x16.min_u (local.get $lo)
              (i8x16.shuffle 2 3 0 1 6 7 4 5 10 11 8 9 14 15 12 13 (local.get $lo) (local.get $lo))))
            (local.set $lo (i8x16.min_u (local.get $lo)
              (i8x16.shuffle 1 0 3 2 5 4 7 6 9 8 11 10 13 12 15 14 (local.get $lo) (local.get $lo))))
            (local.set $hi (i8x16.max_u (local.get $hi)
              (i8x16.shuffle 4 5 6 7 0 1 2 3 12 13 14 15 8 9 10 11 (local.get $hi) (local.get $hi))))
            (local.set $hi (i8x16.max_u (local.get $hi)
              (i8x16.shuffle 2 3 0 1 6 7 4 5 10 11 8 9 14 15 12 13 (local.get $hi) (local.get $hi))))
            (local.set $hi (i8x16.max_u (local.get $hi)
              (i8x16.shuffle 1 0 3 2 5 4 7 6 9 8 11 10 13 12 15 14 (local.get $hi) (local.get $hi))))
            ;; Sums: four u32 lanes, two per block.
            (local.set $acc (i32x4.extadd_pairwise_i16x8_u (local.get $acc)))
            (local.set $i (i32.add (i32.mul (local.get $by) (local.get $sw)) (local.get $bx)))
            (i32.store16
              (i32.add (local.get $sums) (i32.shl (local.get $i) (i32.const 1)))
              (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc))))
            (i32.store8 (i32.add (local.get $mins) (local.get $i)) (i8x16.extract_lane_u 0 (local.get $lo)))
            (i32.store8 (i32.add (local.get $maxs) (local.get $i)) (i8x16.extract_lane_u 0 (local.get $hi)))
            (if (call $paired (local.get $bx) (local.get $sw) (local.get $width))
              (then
                (i32.store16
                  (i32.add (local.get $sums) (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 1)))
                  (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc))))
                (i32.store8 offset=1 (i32.add (local.get $mins) (local.get $i)) (i8x16.extract_lane_u 8 (local.get $lo)))
                (i32.store8 offset=1 (i32.add (local.get $maxs) (local.get $i)) (i8x16.extract_lane_u 8 (local.get $hi)))
                (local.set $bx (i32.add (local.get $bx) (i32.const 2))))
              (else (local.set $bx (i32.add (local.get $bx) (i32.const 1)))))
            (br $cols)))
        (local.set $by (i32.add (local.get $by) (i32.const 1)))
        (br $rows))))

  ;; threshold(grey, width, height, thresholds): in place, each pixel of block
  ;; i becomes 0 (dark) if it is at most the u8 at thresholds + i, else 255.
  ;; Blocks go in row-major order, so where the last row or column of blocks
  ;; overlaps its neighbour it re-reads pixels already made 0 or 255.
  (func (export "threshold")
    (param $grey i32) (param $width i32) (param $height i32) (param $thresholds i32)
    (local $sw i32) (local $sh i32) (local $bx i32) (local $by i32) (local $i i32)
    (local $row i32) (local $p i32) (local $r i32) (local $pair i32) (local $t v128) (local $v v128)
    (local.set $sw (i32.shr_u (i32.add (local.get $width) (i32.const 7)) (i32.const 3)))
    (local.set $sh (i32.shr_u (i32.add (local.get $height) (i32.const 7)) (i32.const 3)))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $by) (local.get $sh)))
        (local.set $row
          (i32.add (local.get $grey)
            (i32.mul (local.get $width)
              (call $start (local.get $by) (local.get $height)))))
        (local.set $bx (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $bx) (local.get $sw)))
            (local.set $p
              (i32.add (local.get $row)
                (call $start (local.get $bx) (local.get $width))))
            (local.set $i (i32.add (i32.mul (local.get $by) (local.get $sw)) (local.get $bx)))
            (local.set $pair (call $paired (local.get $bx) (local.get $sw) (local.get $width)))
            ;; Bytes 0–7: this block's threshold; bytes 8–15: its neighbour's (unused when alone).
            (local.set $t
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                (i8x16.splat (i32.load8_u (i32.add (local.get $thresholds) (local.get $i))))
                (i8x16.splat (i32.load8_u (i32.add (local.get $thresholds) (i32.add (local.get $i) (local.get $pair)))))))
            (local.set $r (i32.const 0))
            (loop $more
              (local.set $v (i8x16.gt_u (v128.load (local.get $p)) (local.get $t)))
              (if (local.get $pair)
                (then (v128.store (local.get $p) (local.get $v)))
                (else (v128.store64_lane 0 (local.get $p) (local.get $v))))
              (local.set $p (i32.add (local.get $p) (local.get $width)))
              (local.set $r (i32.add (local.get $r) (i32.const 1)))
              (br_if $more (i32.lt_u (local.get $r) (i32.const 8))))
            (local.set $bx (i32.add (local.get $bx) (i32.add (i32.const 1) (local.get $pair))))
            (br $cols)))
        (local.set $by (i32.add (local.get $by) (i32.const 1)))
        (br $rows))))

  ;; black_points(sums, mins, maxs, cols, rows, points): blackPoints() of
  ;; local-threshold.ts, one u8 per block at points + i.
  (func (export "black_points")
    (param $sums i32) (param $mins i32) (param $maxs i32) (param $cols i32) (param $rows i32) (param $points i32)
    (local $x i32) (local $y i32) (local $i i32) (local $min i32) (local $point i32) (local $near i32)
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $y) (local.get $rows)))
        (local.set $x (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $x) (local.get $cols)))
            (local.set $min (i32.load8_u (i32.add (local.get $mins) (local.get $i))))
            (local.set $point
              (i32.shr_u (i32.load16_u (i32.add (local.get $sums) (i32.shl (local.get $i) (i32.const 1)))) (i32.const 6)))
            (if (i32.le_s (i32.sub (i32.load8_u (i32.add (local.get $maxs) (local.get $i))) (local.get $min)) (i32.const 24))
              (then
                (local.set $point (i32.shr_u (local.get $min) (i32.const 1)))
                (if (i32.and (i32.gt_u (local.get $y) (i32.const 0)) (i32.gt_u (local.get $x) (i32.const 0)))
                  (then
                    (local.set $near
                      (i32.shr_u
                        (i32.add
                          (i32.add
                            (i32.load8_u (i32.sub (i32.add (local.get $points) (local.get $i)) (local.get $cols)))
                            (i32.shl (i32.load8_u offset=0 (i32.sub (i32.add (local.get $points) (local.get $i)) (i32.const 1))) (i32.const 1)))
                          (i32.load8_u (i32.sub (i32.add (local.get $points) (local.get $i)) (i32.add (local.get $cols) (i32.const 1)))))
                        (i32.const 2)))
                    (if (i32.lt_u (local.get $min) (local.get $near)) (then (local.set $point (local.get $near))))))))
            (i32.store8 (i32.add (local.get $points) (local.get $i)) (local.get $point))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $cols)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $rows))))

  ;; block_thresholds(points, cols, rows, across, window, out): blockThresholds()
  ;; of local-threshold.ts. Scratch: `across` holds cols·rows u16, `window` cols u32.
  (func (export "block_thresholds")
    (param $points i32) (param $cols i32) (param $rows i32) (param $across i32) (param $window i32) (param $out i32)
    (local $x i32) (local $y i32) (local $row i32) (local $sum i32) (local $p i32) (local $a i32) (local $w i32)
    ;; Across: the sum of five points centred on each block, the centre kept two in from the edges.
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $y) (local.get $rows)))
        (local.set $p (i32.add (local.get $points) (local.get $row)))
        (local.set $a (i32.add (local.get $across) (i32.shl (local.get $row) (i32.const 1))))
        (local.set $sum
          (i32.add
            (i32.add (i32.load8_u offset=0 (local.get $p)) (i32.load8_u offset=1 (local.get $p)))
            (i32.add
              (i32.add (i32.load8_u offset=2 (local.get $p)) (i32.load8_u offset=3 (local.get $p)))
              (i32.load8_u offset=4 (local.get $p)))))
        (i32.store16 offset=0 (local.get $a) (local.get $sum))
        (i32.store16 offset=2 (local.get $a) (local.get $sum))
        (local.set $x (i32.const 2))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_s (local.get $x) (i32.sub (local.get $cols) (i32.const 3))))
            (i32.store16 (i32.add (local.get $a) (i32.shl (local.get $x) (i32.const 1))) (local.get $sum))
            (local.set $sum
              (i32.sub
                (i32.add (local.get $sum) (i32.load8_u offset=3 (i32.add (local.get $p) (local.get $x))))
                (i32.load8_u (i32.sub (i32.add (local.get $p) (local.get $x)) (i32.const 2)))))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $cols)))
        (local.set $a (i32.add (local.get $a) (i32.shl (local.get $cols) (i32.const 1))))
        (i32.store16 (i32.sub (local.get $a) (i32.const 6)) (local.get $sum))
        (i32.store16 (i32.sub (local.get $a) (i32.const 4)) (local.get $sum))
        (i32.store16 (i32.sub (local.get $a) (i32.const 2)) (local.get $sum))
        (local.set $row (i32.add (local.get $row) (local.get $cols)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $rows)))
    ;; Down: a running column of five across-sums, moved while the centre row is two in from the edges.
    (local.set $x (i32.const 0))
    (block $init_done
      (loop $init
        (br_if $init_done (i32.ge_u (local.get $x) (local.get $cols)))
        (local.set $a (i32.add (local.get $across) (i32.shl (local.get $x) (i32.const 1))))
        (local.set $sum (i32.const 0))
        (local.set $y (i32.const 0))
        (loop $five
          (local.set $sum (i32.add (local.get $sum) (i32.load16_u (local.get $a))))
          (local.set $a (i32.add (local.get $a) (i32.shl (local.get $cols) (i32.const 1))))
          (local.set $y (i32.add (local.get $y) (i32.const 1)))
          (br_if $five (i32.lt_u (local.get $y) (i32.const 5))))
        (i32.store (i32.add (local.get $window) (i32.shl (local.get $x) (i32.const 2))) (local.get $sum))
        (local.set $x (i32.add (local.get $x) (i32.const 1)))
        (br $init)))
    (local.set $y (i32.const 0))
    (local.set $row (i32.const 0))
    (block $down_done
      (loop $down
        (br_if $down_done (i32.ge_u (local.get $y) (local.get $rows)))
        (local.set $x (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $x) (local.get $cols)))
            (local.set $w (i32.add (local.get $window) (i32.shl (local.get $x) (i32.const 2))))
            (if (i32.and (i32.gt_s (local.get $y) (i32.const 2)) (i32.lt_s (local.get $y) (i32.sub (local.get $rows) (i32.const 2))))
              (then
                (local.set $a (i32.add (local.get $across) (i32.shl (i32.add (local.get $row) (local.get $x)) (i32.const 1))))
                (i32.store (local.get $w)
                  (i32.sub
                    (i32.add (i32.load (local.get $w))
                      (i32.load16_u (i32.add (local.get $a) (i32.shl (local.get $cols) (i32.const 2)))))
                    (i32.load16_u (i32.sub (local.get $a) (i32.mul (local.get $cols) (i32.const 6))))))))
            ;; floor(sum / 25) for sums up to 25·255, as a multiply and shift.
            (i32.store8 (i32.add (local.get $out) (i32.add (local.get $row) (local.get $x)))
              (i32.shr_u (i32.mul (i32.load (local.get $w)) (i32.const 5243)) (i32.const 17)))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $cols)))
        (local.set $row (i32.add (local.get $row) (local.get $cols)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $down))))
)
