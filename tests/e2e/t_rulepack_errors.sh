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

# Unknown extra keys are tolerated.
printf 'rules:\n%s\n    x-team-owner: platform\n' "$good" >"$TMP/extra.yaml"
expect_rc 0 "$ETSILINT" rules --rules "$TMP/extra.yaml"
expect_grep "$TMP/out" '^ok-rule'
# A missing rules path.
expect_rc 2 "$ETSILINT" rules --rules "$TMP/nope.yaml"
expect_grep "$TMP/err" "$TMP/nope.yaml"
finish
