;; HMAC-SHA-256 for one short message (an HOTP counter) from precomputed key
;; states. Checked against node:crypto and the RFC vectors by
;; test/unit/main/core/otp/hmac.test.ts. Rebuild the embedded copy with
;; `npm run build:wasm` after editing.
;;
;; Memory layout (bytes), as in sha512.wat with a 64-byte block:
;;   0    an initial state (8 × i32, native little-endian order), from which `block`
;;        hashes a key's pad block (written at 256) into its pad state
;;   128  message, up to 55 bytes
;;   256  block being hashed (64 bytes, big-endian words)
;;   384  working state (8 × i32)
;;   448  the digest, 32 bytes big-endian: the result
;;   1024 the 64 round constants K (i32), written once by the caller
;;   2048 the message schedule W
;;   4096 onwards: each key's inner and outer pad states, kept by the caller
(module
  (memory (export "memory") 1)

  ;; One SHA-256 compression (FIPS 180-4 §6.2.2) of the block at 256 into the state at 384.
  (func $compress
    (local $w i32)
    (local $x i32) (local $y i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32)
    (local $e i32) (local $f i32) (local $g i32) (local $h i32)
    (local $t1 i32)
    ;; W[0..16): the block's big-endian words, four per vector.
    (v128.store offset=2048 (i32.const 0) (i8x16.swizzle (v128.load offset=256 (i32.const 0)) (v128.const i8x16 3 2 1 0 7 6 5 4 11 10 9 8 15 14 13 12)))
    (v128.store offset=2064 (i32.const 0) (i8x16.swizzle (v128.load offset=272 (i32.const 0)) (v128.const i8x16 3 2 1 0 7 6 5 4 11 10 9 8 15 14 13 12)))
    (v128.store offset=2080 (i32.const 0) (i8x16.swizzle (v128.load offset=288 (i32.const 0)) (v128.const i8x16 3 2 1 0 7 6 5 4 11 10 9 8 15 14 13 12)))
    (v128.store offset=2096 (i32.const 0) (i8x16.swizzle (v128.load offset=304 (i32.const 0)) (v128.const i8x16 3 2 1 0 7 6 5 4 11 10 9 8 15 14 13 12)))
    ;; W[16..64): σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16]; $w is the byte offset of W[t].
    (local.set $w (i32.const 64))
    (loop $expand
      (local.set $x (i32.load offset=2048 (i32.sub (local.get $w) (i32.const 60))))
      (local.set $y (i32.load offset=2048 (i32.sub (local.get $w) (i32.const 8))))
      (i32.store offset=2048 (local.get $w)
        (i32.add
          (i32.add
            (i32.xor (i32.xor (i32.rotr (local.get $y) (i32.const 17)) (i32.rotr (local.get $y) (i32.const 19)))
                     (i32.shr_u (local.get $y) (i32.const 10)))
            (i32.load offset=2048 (i32.sub (local.get $w) (i32.const 28))))
          (i32.add
            (i32.xor (i32.xor (i32.rotr (local.get $x) (i32.const 7)) (i32.rotr (local.get $x) (i32.const 18)))
                     (i32.shr_u (local.get $x) (i32.const 3)))
            (i32.load offset=2048 (i32.sub (local.get $w) (i32.const 64))))))
      (local.set $w (i32.add (local.get $w) (i32.const 4)))
      (br_if $expand (i32.lt_u (local.get $w) (i32.const 256))))
    (local.set $a (i32.load offset=384 (i32.const 0)))
    (local.set $b (i32.load offset=388 (i32.const 0)))
    (local.set $c (i32.load offset=392 (i32.const 0)))
    (local.set $d (i32.load offset=396 (i32.const 0)))
    (local.set $e (i32.load offset=400 (i32.const 0)))
    (local.set $f (i32.load offset=404 (i32.const 0)))
    (local.set $g (i32.load offset=408 (i32.const 0)))
    (local.set $h (i32.load offset=412 (i32.const 0)))
    (local.set $w (i32.const 0))
    ;; Eight rounds a turn, with the roles of a..h rotated from round to round instead of the
    ;; values moved; Ch(e, f, g) = g ^ (e & (f ^ g)) and Maj(a, b, c) = (a & b) | (c & (a | b)).
    (loop $round
      ;; round t+0: T1 = h + Σ1(e) + Ch(e, f, g) + K + W; d += T1; h = T1 + Σ0(a) + Maj(a, b, c)
      (local.set $t1
        (i32.add (i32.add (local.get $h)
            (i32.xor (i32.xor (i32.rotr (local.get $e) (i32.const 6)) (i32.rotr (local.get $e) (i32.const 11)))
                     (i32.rotr (local.get $e) (i32.const 25))))
          (i32.add (i32.xor (local.get $g) (i32.and (local.get $e) (i32.xor (local.get $f) (local.get $g))))
            (i32.add (i32.load offset=1024 (local.get $w)) (i32.load offset=2048 (local.get $w))))))
      (local.set $d (i32.add (local.get $d) (local.get $t1)))
      (local.set $h
        (i32.add (local.get $t1)
          (i32.add
            (i32.xor (i32.xor (i32.rotr (local.get $a) (i32.const 2)) (i32.rotr (local.get $a) (i32.const 13)))
                     (i32.rotr (local.get $a) (i32.const 22)))
            (i32.or (i32.and (local.get $a) (local.get $b)) (i32.and (local.get $c) (i32.or (local.get $a) (local.get $b)))))))
      ;; round t+1: T1 = g + Σ1(d) + Ch(d, e, f) + K + W; c += T1; g = T1 + Σ0(h) + Maj(h, a, b)
      (local.set $t1
        (i32.add (i32.add (local.get $g)
            (i32.xor (i32.xor (i32.rotr (local.get $d) (i32.const 6)) (i32.rotr (local.get $d) (i32.const 11)))
                     (i32.rotr (local.get $d) (i32.const 25))))
          (i32.add (i32.xor (local.get $f) (i32.and (local.get $d) (i32.xor (local.get $e) (local.get $f))))
            (i32.add (i32.load offset=1028 (local.get $w)) (i32.load offset=2052 (local.get $w))))))
      (local.set $c (i32.add (local.get $c) (local.get $t1)))
      (local.set $g
        (i32.add (local.get $t1)
          (i32.add
            (i32.xor (i32.xor (i32.rotr (local.get $h) (i32.const 2)) (i32.rotr (local.get $h) (i32.const 13)))
                     (i32.rotr (local.get $h) (i32.const 22)))
            (i32.or (i32.and (local.get $h) (local.get $a)) (i32.and (local.get $b) (i32.or (local.get $h) (local.get $a)))))))
      ;; round t+2: T1 = f + Σ1(c) + Ch(c, d, e) + K + W; b += T1; f = T1 + Σ0(g) + Maj(g, h, a)
      (local.set $t1
        (i32.add (i32.add (local.get $f)
            (i32.xor (i32.xor (i32.rotr (local.get $c) (i32.const 6)) (i32.rotr (local.get $c) (i32.const 11)))
                     (i32.rotr (local.get $c) (i32.const 25))))
          (i32.add (i32.xor (local.get $e) (i32.and (local.get $c) (i32.xor (local.get $d) (local.get $e))))
            (i32.add (i32.load offset=1032 (local.get $w)) (i32.load offset=2056 (local.get $w))))))
      (local.set $b (i32.add (local.get $b) (local.get $t1)))
      (local.set $f
        (i32.add (local.get $t1)
          (i32.add
            (i32.xor (i32.xor (i32.rotr (local.get $g) (i32.const 2)) (i32.rotr (local.get $g) (i32.const 13)))
                     (i32.rotr (local.get $g) (i32.const 22)))
            (i32.or (i32.and (local.get $g) (local.get $h)) (i32.and (local.get $a) (i32.or (local.get $g) (local.get $h)))))))
      ;; round t+3: T1 = e + Σ1(b) + Ch(b, c, d) + K + W; a += T1; e = T1 + Σ0(f) + Maj(f, g, h)
      (local.set $t1
        (i32.add (i32.add (local.get $e)
            (i32.xor (i32.xor (i32.rotr (local.get $b) (i32.const 6)) (i32.rotr (local.get $b) (i32.const 11)))
                     (i32.rotr (local.get $b) (i32.const 25))))
          (i32.add (i32.xor (local.get $d) (i32.and (local.get $b) (i32.xor (local.get $c) (local.get $d))))
            (i32.add (i32.load offset=1036 (local.get $w)) (i32.load offset=2060 (local.get $w))))))
      (local.set $a (i32.add (local.get $a) (local.get $t1)))
      (local.set $e
        (i32.add (local.get $t1)
          (i32.add
            (i32.xor (i32.xor (i32.rotr (local.get $f) (i32.const 2)) (i32.rotr (local.get $f) (i32.const 13)))
                     (i32.rotr (local.get $f) (i32.const 22)))
            (i32.or (i32.and (local.get $f) (local.get $g)) (i32.and (local.get $h) (i32.or (local.get $f) (local.get $g)))))))
      ;; round t+4: T1 = d + Σ1(a) + Ch(a, b, c) + K + W; h += T1; d = T1 + Σ0(e) + Maj(e, f, g)
      (local.set $t1
        (i32.add (i32.add (local.get $d)
            (i32.xor (i32.xor (i32.rotr (local.get $a) (i32.const 6)) (i32.rotr (local.get $a) (i32.const 11)))
                     (i32.rotr (local.get $a) (i32.const 25))))
          (i32.add (i32.xor (local.get $c) (i32.and (local.get $a) (i32.xor (local.get $b) (local.get $c))))
            (i32.add (i32.load offset=1040 (local.get $w)) (i32.load offset=2064 (local.get $w))))))
      (local.set $h (i32.add (local.get $h) (local.get $t1)))
      (local.set $d
        (i32.add (local.get $t1)
          (i32.add
            (i32.xor (i32.xor (i32.rotr (local.get $e) (i32.const 2)) (i32.rotr (local.get $e) (i32.const 13)))
                     (i32.rotr (local.get $e) (i32.const 22)))
            (i32.or (i32.and (local.get $e) (local.get $f)) (i32.and (local.get $g) (i32.or (local.get $e) (local.get $f)))))))
      ;; round t+5: T1 = c + Σ1(h) + Ch(h, a, b) + K + W; g += T1; c = T1 + Σ0(d) + Maj(d, e, f)
      (local.set $t1
        (i32.add (i32.add (local.get $c)
            (i32.xor (i32.xor (i32.rotr (local.get $h) (i32.const 6)) (i32.rotr (local.get $h) (i32.const 11)))
                     (i32.rotr (local.get $h) (i32.const 25))))
          (i32.add (i32.xor (local.get $b) (i32.and (local.get $h) (i32.xor (local.get $a) (local.get $b))))
            (i32.add (i32.load offset=1044 (local.get $w)) (i32.load offset=2068 (local.get $w))))))
      (local.set $g (i32.add (local.get $g) (local.get $t1)))
      (local.set $c
        (i32.add (local.get $t1)
          (i32.add
            (i32.xor (i32.xor (i32.rotr (local.get $d) (i32.const 2)) (i32.rotr (local.get $d) (i32.const 13)))
                     (i32.rotr (local.get $d) (i32.const 22)))
            (i32.or (i32.and (local.get $d) (local.get $e)) (i32.and (local.get $f) (i32.or (local.get $d) (local.get $e)))))))
      ;; round t+6: T1 = b + Σ1(g) + Ch(g, h, a) + K + W; f += T1; b = T1 + Σ0(c) + Maj(c, d, e)
      (local.set $t1
        (i32.add (i32.add (local.get $b)
            (i32.xor (i32.xor (i32.rotr (local.get $g) (i32.const 6)) (i32.rotr (local.get $g) (i32.const 11)))
                     (i32.rotr (local.get $g) (i32.const 25))))
          (i32.add (i32.xor (local.get $a) (i32.and (local.get $g) (i32.xor (local.get $h) (local.get $a))))
            (i32.add (i32.load offset=1048 (local.get $w)) (i32.load offset=2072 (local.get $w))))))
      (local.set $f (i32.add (local.get $f) (local.get $t1)))
      (local.set $b
        (i32.add (local.get $t1)
          (i32.add
            (i32.xor (i32.xor (i32.rotr (local.get $c) (i32.const 2)) (i32.rotr (local.get $c) (i32.const 13)))
                     (i32.rotr (local.get $c) (i32.const 22)))
            (i32.or (i32.and (local.get $c) (local.get $d)) (i32.and (local.get $e) (i32.or (local.get $c) (local.get $d)))))))
      ;; round t+7: T1 = a + Σ1(f) + Ch(f, g, h) + K + W; e += T1; a = T1 + Σ0(b) + Maj(b, c, d)
      (local.set $t1
        (i32.add (i32.add (local.get $a)
            (i32.xor (i32.xor (i32.rotr (local.get $f) (i32.const 6)) (i32.rotr (local.get $f) (i32.const 11)))
                     (i32.rotr (local.get $f) (i32.const 25))))
          (i32.add (i32.xor (local.get $h) (i32.and (local.get $f) (i32.xor (local.get $g) (local.get $h))))
            (i32.add (i32.load offset=1052 (local.get $w)) (i32.load offset=2076 (local.get $w))))))
      (local.set $e (i32.add (local.get $e) (local.get $t1)))
      (local.set $a
        (i32.add (local.get $t1)
          (i32.add
            (i32.xor (i32.xor (i32.rotr (local.get $b) (i32.const 2)) (i32.rotr (local.get $b) (i32.const 13)))
                     (i32.rotr (local.get $b) (i32.const 22)))
            (i32.or (i32.and (local.get $b) (local.get $c)) (i32.and (local.get $d) (i32.or (local.get $b) (local.get $c)))))))
      (local.set $w (i32.add (local.get $w) (i32.const 32)))
      (br_if $round (i32.lt_u (local.get $w) (i32.const 256))))
    (i32.store offset=384 (i32.const 0) (i32.add (i32.load offset=384 (i32.const 0)) (local.get $a)))
    (i32.store offset=388 (i32.const 0) (i32.add (i32.load offset=388 (i32.const 0)) (local.get $b)))
    (i32.store offset=392 (i32.const 0) (i32.add (i32.load offset=392 (i32.const 0)) (local.get $c)))
    (i32.store offset=396 (i32.const 0) (i32.add (i32.load offset=396 (i32.const 0)) (local.get $d)))
    (i32.store offset=400 (i32.const 0) (i32.add (i32.load offset=400 (i32.const 0)) (local.get $e)))
    (i32.store offset=404 (i32.const 0) (i32.add (i32.load offset=404 (i32.const 0)) (local.get $f)))
    (i32.store offset=408 (i32.const 0) (i32.add (i32.load offset=408 (i32.const 0)) (local.get $g)))
    (i32.store offset=412 (i32.const 0) (i32.add (i32.load offset=412 (i32.const 0)) (local.get $h))))

  ;; Zeroes the block and writes its end: 0x80 after `bytes` bytes of message, and the length in
  ;; bits of key block + message in the last two bytes (it is below 2^16).
  (func $pad (param $bytes i32)
    (local $bits i32)
    (v128.store offset=256 (i32.const 0) (v128.const i64x2 0 0))
    (v128.store offset=272 (i32.const 0) (v128.const i64x2 0 0))
    (v128.store offset=288 (i32.const 0) (v128.const i64x2 0 0))
    (v128.store offset=304 (i32.const 0) (v128.const i64x2 0 0))
    (i32.store8 offset=256 (local.get $bytes) (i32.const 0x80))
    (local.set $bits (i32.mul (i32.add (local.get $bytes) (i32.const 64)) (i32.const 8)))
    (i32.store8 offset=318 (i32.const 0) (i32.shr_u (local.get $bits) (i32.const 8)))
    (i32.store8 offset=319 (i32.const 0) (local.get $bits)))

  ;; Copies the state at `from` to the working state.
  (func $start (param $from i32)
    (v128.store offset=384 (i32.const 0) (v128.load offset=0 (local.get $from)))
    (v128.store offset=400 (i32.const 0) (v128.load offset=16 (local.get $from))))

  ;; The working state's 8 words as big-endian bytes at `to`.
  (func $digest (param $to i32)
    (local $i i32)
    (local $x i32)
    (local.set $i (i32.const 0))
    (loop $word
      (local.set $x (i32.load offset=384 (local.get $i)))
      (i32.store (i32.add (local.get $to) (local.get $i))
        (i32.or
          (i32.or (i32.shl (local.get $x) (i32.const 24))
                  (i32.and (i32.shl (local.get $x) (i32.const 8)) (i32.const 0xff0000)))
          (i32.or (i32.and (i32.shr_u (local.get $x) (i32.const 8)) (i32.const 0xff00))
                  (i32.shr_u (local.get $x) (i32.const 24)))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $word (i32.lt_u (local.get $i) (i32.const 32)))))

  ;; The state after one block at 256 from the state at `from` (the key's pad blocks), left at 384.
  (func (export "block") (param $from i32)
    (call $start (local.get $from))
    (call $compress))

  ;; HMAC (RFC 2104) of the `bytes`-byte message at 128, from the pad states at `inner` and `outer`
  ;; (the caller keeps one pair per key in memory above 4096); digest at 448.
  (func (export "hmac") (param $inner i32) (param $outer i32) (param $bytes i32)
    (local $i i32)
    (call $pad (local.get $bytes))
    (local.set $i (i32.const 0))
    (block $copied
      (loop $copy
        (br_if $copied (i32.ge_u (local.get $i) (local.get $bytes)))
        (i32.store8 offset=256 (local.get $i) (i32.load8_u offset=128 (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $copy)))
    (call $start (local.get $inner))
    (call $compress)
    (call $pad (i32.const 32))
    (call $digest (i32.const 256))
    (call $start (local.get $outer))
    (call $compress)
    (call $digest (i32.const 448))))
