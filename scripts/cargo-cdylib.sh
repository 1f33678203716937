#!/bin/sh
# Set as CARGO for `napi build` in the release workflow: napi runs `$CARGO build ...` (or
# `$CARGO zigbuild ...` with -x); this runs the same as `cargo rustc --lib --crate-type cdylib`
# so the published addon is built as scripts/build.cjs builds it (see there for why).
sub="$1"
shift
case "$sub" in
  build) exec cargo rustc --lib --crate-type cdylib "$@" ;;
  zigbuild) exec cargo-zigbuild rustc --lib --crate-type cdylib "$@" ;;
  *) exec cargo "$sub" "$@" ;;
esac
