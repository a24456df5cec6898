#!/bin/sh
# The pre-commit hook, end to end with Debian's pre-commit, offline: a
# throwaway repository uses the hooks of a local clone of this repository
# (.pre-commit-hooks.yaml); a commit adding insecure code is blocked, a clean
# one passes, and only the committed files are scanned.
. "$(dirname "$0")/lib.sh"
if ! command -v pre-commit >/dev/null 2>&1; then
	fail "pre-commit is not installed (make deps installs it)"; finish; exit 1
fi
SRC=$(pwd)
# The hook runs `etsilint` from PATH, as after `make install`.
mkdir -p "$TMP/bin"
ln -s "$ETSILINT" "$TMP/bin/etsilint"
PATH="$TMP/bin:$PATH"
PRE_COMMIT_HOME="$TMP/pre-commit-home"
export PATH PRE_COMMIT_HOME
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.invalid GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.invalid

# A local clone holding this working tree's hook definitions as a commit.
git clone -q "$SRC" "$TMP/etsilint-clone" 2>/dev/null || { fail "cannot clone $SRC"; finish; exit 1; }
cp "$SRC/.pre-commit-hooks.yaml" "$TMP/etsilint-clone/"
(cd "$TMP/etsilint-clone" && git add .pre-commit-hooks.yaml && git commit -qm hooks --allow-empty) >/dev/null
rev=$(git -C "$TMP/etsilint-clone" rev-parse HEAD)

# commit WANT MESSAGE: git commit in the throwaway repository; pre-commit
# writes its report to standard error: both streams end up in $TMP/out.
commit() {
	expect_rc "$1" sh -c "cd '$R' && git commit -m '$2'"
	cat "$TMP/err" >>"$TMP/out"
}

R="$TMP/fw"
mkdir -p "$R/main"
git init -q "$R"
cat >"$R/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $TMP/etsilint-clone
    rev: $rev
    hooks:
      - id: etsilint
YAML
printf 'int add(int a, int b) { return a + b; }\n' >"$R/main/ok.c"
printf 'void legacy(char *b) { gets(b); }\n' >"$R/main/legacy_untouched.c"
(cd "$R" && git add .pre-commit-config.yaml main/legacy_untouched.c && git commit -qm base --no-verify)
expect_rc 0 sh -c "cd '$R' && pre-commit install"

# A clean change passes (and the untouched legacy file is not scanned).
(cd "$R" && git add main/ok.c)
commit 0 clean
expect_grep "$TMP/out" 'etsilint \(ETSI EN 303 645\)\.+Passed'

# A hard-coded Wi-Fi password is blocked, with the finding shown.
printf '#include "esp_wifi.h"\nstatic wifi_config_t cfg = { .sta = { .ssid = "home", .password = "Sup3rSecretPass" } };\n' >"$R/main/wifi.c"
(cd "$R" && git add main/wifi.c)
commit 1 wifi
expect_grep "$TMP/out" 'etsilint \(ETSI EN 303 645\)\.+Failed'
expect_grep "$TMP/out" 'main/wifi.c:2:[0-9]+: (critical|high): .*\[hardcoded-password-c\]'
expect_no_grep "$TMP/out" 'Sup3rSecretPass'
expect_no_grep "$TMP/out" 'legacy_untouched'
if git -C "$R" log --oneline | grep -q wifi; then fail "the insecure commit was made"; else ok; fi

# Fixed with a suppression that gives a reason: the commit passes.
printf '#include "esp_wifi.h"\n// etsilint-ignore hardcoded-password-c: lab-only test image, never shipped\nstatic wifi_config_t cfg = { .sta = { .ssid = "home", .password = "Sup3rSecretPass" } };\n' >"$R/main/wifi.c"
(cd "$R" && git add main/wifi.c)
commit 0 wifi-lab
finish
