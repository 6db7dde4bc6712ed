#!/usr/bin/env bash
# Installs the Debian packages the tests use, only those missing. Needs root (or sudo).
#   golang-go, golang-golang-x-mod-dev: an independent Go implementation (golang.org/x/mod/sumdb/note
#   and sumdb/tlog) for the ledger's interoperability tests.
#   chromium, chromium-driver, fonts-noto-cjk: the real browser the end-to-end tests drive through
#   Playwright (/usr/lib/chromium/chromium; Playwright's own browser download is not used), with
#   CJK fonts so Chinese pages render as owners see them.
#   postgresql: a private PostgreSQL 15 server the end-to-end tests start and stop themselves.
#   fonts-wqy-zenhei: the CJK TrueType font embedded (as a subset) in paper ballots
#   (/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc; OwnersVote.Paper.BallotFont).
#   poppler-utils: pdftoppm, which rasterises ballot PDFs for the scanner and its tests.
set -euo pipefail
packages=(golang-go golang-golang-x-mod-dev chromium chromium-driver fonts-noto-cjk postgresql fonts-wqy-zenhei poppler-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ "${#missing[@]}" -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
