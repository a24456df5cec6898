#!/bin/sh
# A rule pack with an error stops the run with exit 2 and names file:line:col.
. "$(dirname "$0")/lib.sh"

good='  - id: ok-rule
    title: ok
    message: ok
    severity: low
    provisions: [5.6-6]
    cwe: [489]
    remediation: none
    match: {regex: {pattern: "DEBUG_BACKDOOR"}}'

# case NAME EXPECTED-LOCATION EXPECTED-TEXT YAML
case_err() {
	name=$1 loc=$2 text=$3
	printf 'rules:\n%s\n' "$4" >"$TMP/$name.yaml"
	expect_rc 2 "$ETSILINT" scan --rules "$TMP/$name.yaml" "$TMP"
	expect_grep "$TMP/err" "^$TMP/$name.yaml:$loc: error: .*$text"
	expect_grep "$TMP/err" "rule pack has errors"
	expect_rc 2 "$ETSILINT" rules --rules "$TMP/$name.yaml"
}

case_err syntax '4:1' 'YAML syntax error.*line 3, column 12' '  - id: x
    title: [unclosed'
case_err missing-title '2:[0-9]+' 'title' '  - id: no-title
    message: m
    severity: low
    provisions: [5.6-6]
    cwe: [489]
    remediation: r
    match: {regex: {pattern: "x"}}'
case_err bad-severity '5:15' 'severity' '  - id: bad-sev
    title: t
    message: m
    severity: severe
    provisions: [5.6-6]
    cwe: [489]
    remediation: r
    match: {regex: {pattern: "x"}}'
case_err bad-provision '6:18' '5.99-1' '  - id: bad-prov
    title: t
    message: m
    severity: low
    provisions: [5.99-1]
    cwe: [489]
    remediation: r
    match: {regex: {pattern: "x"}}'
case_err unknown-matcher '9:13' 'frobnicate' '  - id: bad-matcher
    title: t
    message: m
    severity: low
    provisions: [5.6-6]
    cwe: [489]
    remediation: r
    match: {frobnicate: {pattern: "x"}}'
case_err bad-regex '9:[0-9]+' 'regular expression' '  - id: bad-regex
    title: t
    message: m
    severity: low
    provisions: [5.6-6]
    cwe: [489]
    remediation: r
    match: {regex: {pattern: "(unclosed"}}'
case_err duplicate '10:[0-9]+' 'ok-rule' "$good
$good"

# Unknown keys are errors: a misspelt key would silently change what a rule does.
# exact_err NAME LINE:COL MESSAGE FILE-TEXT: exit 2, and stderr has exactly the
# line FILE:LINE:COL: error: MESSAGE (compared as a fixed string).
exact_err() {
	f=$TMP/$1.yaml
	printf '%s\n' "$4" >"$f"
	expect_rc 2 "$ETSILINT" scan --rules "$f" "$TMP"
	if grep -Fxq -- "$f:$2: error: $3" "$TMP/err"; then ok; else
		fail "$1: stderr lacks the line '$f:$2: error: $3'"
		sed 's/^/  | /' "$TMP/err" | head -5
	fi
	expect_rc 2 "$ETSILINT" rules --rules "$f"
}
# rule_with NAME KEY-LINES MATCH: a valid rule but for KEY-LINES (appended) and its match.
rule_with() {
	printf 'rules:\n  - id: %s\n    title: t\n    message: m\n    severity: low\n' "$1"
	printf '    provisions: [5.6-6]\n    cwe: [489]\n    remediation: r\n    match: %s\n' "$3"
	[ -z "$2" ] || printf '%s\n' "$2"
}
known_rule='id, title, message, severity, provisions, cwe, remediation, match, applies-to, paths, description, precision, references, secret, metadata'
exact_err typo-severity 5:5 "rule 'typo-sev': unknown key 'severty' (known: $known_rule)" \
	"$(printf 'rules:\n  - id: typo-sev\n    title: t\n    message: m\n    severty: high\n    provisions: [5.6-6]\n    cwe: [489]\n    remediation: r\n    match: {regex: {pattern: "x"}}')"
exact_err typo-rule-key 10:5 "rule 'typo-prec': unknown key 'precison' (known: $known_rule)" \
	"$(rule_with typo-prec '    precison: high' '{regex: {pattern: "x"}}')"
exact_err extra-rule-key 10:5 "rule 'extra': unknown key 'x-team-owner' (known: $known_rule)" \
	"$(rule_with extra '    x-team-owner: platform' '{regex: {pattern: "x"}}')"
# The team's own fields go under metadata, which is not read.
printf '%s\n' "$(rule_with meta '    metadata: {owner: platform, x-ticket: [FW-12]}' '{regex: {pattern: "x"}}')" >"$TMP/meta.yaml"
expect_rc 0 "$ETSILINT" rules --rules "$TMP/meta.yaml"
exact_err typo-paths 10:31 "rule 'typo-paths': unknown key 'exlcude' in 'paths' (known: include, exclude, exclude-trees)" \
	"$(rule_with typo-paths '    paths: {include: ["*.c"], exlcude: ["test_*"]}' '{regex: {pattern: "x"}}')"
exact_err typo-top 1:1 "unknown key 'version' at the top level of a rule file (known: rules)" \
	"$(printf 'version: 2\n'; rule_with ok-top '' '{regex: {pattern: "x"}}')"
exact_err typo-assign 9:35 "rule 'typo-assign': unknown key 'vaule' in 'assign'" \
	"$(rule_with typo-assign '' '{assign: {name: passw, vaule: "x"}}')"
exact_err typo-not-near 9:58 "rule 'typo-near': unknown key 'line' in 'not-near' of 'assign'" \
	"$(rule_with typo-near '' '{assign: {name: passw, not-near: {pattern: x, line: 3}}}')"
exact_err typo-regex 9:35 "rule 'typo-regex': unknown key 'excldue' in 'regex'" \
	"$(rule_with typo-regex '' '{regex: {pattern: "x", excldue: "y"}}')"
exact_err typo-config 9:37 "rule 'typo-config': unknown key 'valeu' in 'config'" \
	"$(rule_with typo-config '' "{config: {key: CONFIG_X, valeu: '^y\$'}}")"
exact_err typo-define 9:35 "rule 'typo-define': unknown key 'vlaue' in 'define'" \
	"$(rule_with typo-define '' '{define: {name: DEBUG, vlaue: "1"}}')"
exact_err typo-initializer 9:51 "rule 'typo-init': unknown key 'hsa' in 'initializer'" \
	"$(rule_with typo-init '' '{initializer: {type: opts, lacks: [a], hsa: [b]}}')"
exact_err typo-repo 9:42 "rule 'typo-repo': unknown key 'reprot' in 'repo'" \
	"$(rule_with typo-repo '' '{repo: {files: [SECURITY.md], reprot: missing}}')"
exact_err typo-absent 9:42 "rule 'typo-absent': unknown key 'wehn' in 'absent'" \
	"$(rule_with typo-absent '' '{absent: {pattern: "-fstack", wehn: CFLAGS}}')"
# A missing rules path.
expect_rc 2 "$ETSILINT" rules --rules "$TMP/nope.yaml"
expect_grep "$TMP/err" "$TMP/nope.yaml"
finish
