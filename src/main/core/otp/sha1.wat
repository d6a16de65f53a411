;; HMAC-SHA-1 for one short message (an HOTP counter) from precomputed key
;; states. Checked against node:crypto and the RFC vectors by
;; test/unit/main/core/otp/hmac.test.ts. Rebuild the embedded copy with
;; `npm run build:wasm` after editing.
;;
;; Memory layout (bytes), as in sha512.wat with a 64-byte block:
;;   0    an initial state (5 × i32, native little-endian order), from which `block`
;;        hashes a key's pad block (written at 256) into its pad state
;;   128  message, up to 55 bytes
;;   256  block being hashed (64 bytes, big-endian words)
;;   384  working state (5 × i32)
;;   448  the digest, 20 bytes big-endian: the result
;;   2048 the message schedule W
;;   4096 onwards: each key's inner and outer pad states, kept by the caller
(module
  (memory (export "memory") 1)

  ;; One SHA-1 compression (FIPS 180-4 §6.1.2) of the block at 256 into the state at 384.
  (func $compress
    (local $w i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $e i32) (local $t i32)
    ;; W[0..16): the block's big-endian words, four per vector.
    (v128.store offset=2048 (i32.const 0) (i8x16.swizzle (v128.load offset=256 (i32.const 0)) (v128.const i8x16 3 2 1 0 7 6 5 4 11 10 9 8 15 14 13 12)))
    (v128.store offset=2064 (i32.const 0) (i8x16.swizzle (v128.load offset=272 (i32.const 0)) (v128.const i8x16 3 2 1 0 7 6 5 4 11 10 9 8 15 14 13 12)))
    (v128.store offset=2080 (i32.const 0) (i8x16.swizzle (v128.load offset=288 (i32.const 0)) (v128.const i8x16 3 2 1 0 7 6 5 4 11 10 9 8 15 14 13 12)))
    (v128.store offset=2096 (i32.const 0) (i8x16.swizzle (v128.load offset=304 (i32.const 0)) (v128.const i8x16 3 2 1 0 7 6 5 4 11 10 9 8 15 14 13 12)))
    ;; W[16..80): rotl1(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16]); $w is the byte offset of W[t].
    (local.set $w (i32.const 64))
    (loop $expand
      (i32.store offset=2048 (local.get $w)
        (i32.rotl
          (i32.xor
            (i32.xor (i32.load offset=2036 (local.get $w)) (i32.load offset=2016 (local.get $w)))
            (i32.xor (i32.load offset=1992 (local.get $w)) (i32.load offset=1984 (local.get $w))))
          (i32.const 1)))
      (local.set $w (i32.add (local.get $w) (i32.const 4)))
      (br_if $expand (i32.lt_u (local.get $w) (i32.const 320))))
    (local.set $a (i32.load offset=384 (i32.const 0)))
    (local.set $b (i32.load offset=388 (i32.const 0)))
    (local.set $c (i32.load offset=392 (i32.const 0)))
    (local.set $d (i32.load offset=396 (i32.const 0)))
    (local.set $e (i32.load offset=400 (i32.const 0)))
    ;; The four rounds of twenty, each with its function and constant.
    (local.set $w (i32.const 0))
    (loop $r0
      (local.set $t
        (i32.add
          (i32.add (i32.rotl (local.get $a) (i32.const 5)) (i32.or (i32.and (local.get $b) (local.get $c)) (i32.and (i32.xor (local.get $b) (i32.const -1)) (local.get $d))))
          (i32.add (i32.add (local.get $e) (i32.const 0x5a827999)) (i32.load offset=2048 (local.get $w)))))
      (local.set $e (local.get $d))
      (local.set $d (local.get $c))
      (local.set $c (i32.rotl (local.get $b) (i32.const 30)))
      (local.set $b (local.get $a))
      (local.set $a (local.get $t))
      (local.set $w (i32.add (local.get $w) (i32.const 4)))
      (br_if $r0 (i32.lt_u (local.get $w) (i32.const 80))))
    (local.set $w (i32.const 80))
    (loop $r20
      (local.set $t
        (i32.add
          (i32.add (i32.rotl (local.get $a) (i32.const 5)) (i32.xor (i32.xor (local.get $b) (local.get $c)) (local.get $d)))
          (i32.add (i32.add (local.get $e) (i32.const 0x6ed9eba1)) (i32.load offset=2048 (local.get $w)))))
      (local.set $e (local.get $d))
      (local.set $d (local.get $c))
      (local.set $c (i32.rotl (local.get $b) (i32.const 30)))
      (local.set $b (local.get $a))
      (local.set $a (local.get $t))
      (local.set $w (i32.add (local.get $w) (i32.const 4)))
      (br_if $r20 (i32.lt_u (local.get $w) (i32.const 160))))
    (local.set $w (i32.const 160))
    (loop $r40
      (local.set $t
        (i32.add
          (i32.add (i32.rotl (local.get $a) (i32.const 5)) (i32.or (i32.or (i32.and (local.get $b) (local.get $c)) (i32.and (local.get $b) (local.get $d))) (i32.and (local.get $c) (local.get $d))))
          (i32.add (i32.add (local.get $e) (i32.const 0x8f1bbcdc)) (i32.load offset=2048 (local.get $w)))))
      (local.set $e (local.get $d))
      (local.set $d (local.get $c))
      (local.set $c (i32.rotl (local.get $b) (i32.const 30)))
      (local.set $b (local.get $a))
      (local.set $a (local.get $t))
      (local.set $w (i32.add (local.get $w) (i32.const 4)))
      (br_if $r40 (i32.lt_u (local.get $w) (i32.const 240))))
    (local.set $w (i32.const 240))
    (loop $r60
      (local.set $t
        (i32.add
          (i32.add (i32.rotl (local.get $a) (i32.const 5)) (i32.xor (i32.xor (local.get $b) (local.get $c)) (local.get $d)))
          (i32.add (i32.add (local.get $e) (i32.const 0xca62c1d6)) (i32.load offset=2048 (local.get $w)))))
      (local.set $e (local.get $d))
      (local.set $d (local.get $c))
      (local.set $c (i32.rotl (local.get $b) (i32.const 30)))
      (local.set $b (local.get $a))
      (local.set $a (local.get $t))
      (local.set $w (i32.add (local.get $w) (i32.const 4)))
      (br_if $r60 (i32.lt_u (local.get $w) (i32.const 320))))
    (i32.store offset=384 (i32.const 0) (i32.add (i32.load offset=384 (i32.const 0)) (local.get $a)))
    (i32.store offset=388 (i32.const 0) (i32.add (i32.load offset=388 (i32.const 0)) (local.get $b)))
    (i32.store offset=392 (i32.const 0) (i32.add (i32.load offset=392 (i32.const 0)) (local.get $c)))
    (i32.store offset=396 (i32.const 0) (i32.add (i32.load offset=396 (i32.const 0)) (local.get $d)))
    (i32.store offset=400 (i32.const 0) (i32.add (i32.load offset=400 (i32.const 0)) (local.get $e))))

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

  ;; The working state's 5 words as big-endian bytes at `to`.
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
      (br_if $word (i32.lt_u (local.get $i) (i32.const 20)))))

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
    (call $pad (i32.const 20))
    (call $digest (i32.const 256))
    (call $start (local.get $outer))
    (call $compress)
    (call $digest (i32.const 448))))
