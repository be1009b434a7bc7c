#!/bin/sh
# tools/demo.sh -- `make demo`: one run on the defaults at 4x speed, checked and analyzed
set -eu
bin=$1
dir="runs/demo-$(date +%Y%m%d-%H%M%S)"
echo "clockring demo: 3 VMs, 60 model seconds at --speed 4 (about 15 s)"
"$bin" run --speed 4 --out "$dir"
echo
"$bin" check "$dir"
echo
"$bin" analyze "$dir"
