# Verdicts and checks. A case runs in a subshell ($CASE_PID): fail and skip record the first
# reason and end it, also when called inside a command substitution such as $(container_pid).

end_case() { # VERDICT REASON
  [ -s "$CASE_DIR/reason" ] || { printf '%s\n' "$2" >"$CASE_DIR/reason"; echo "$1" >"$CASE_DIR/verdict"; }
  [ "$BASHPID" = "$CASE_PID" ] || kill -TERM "$CASE_PID"
  exit 1
}
fail() { end_case FAIL "$*"; }
skip() { end_case SKIP "$*"; }

# value KEY [FILE] → what the probe printed as KEY= (first occurrence), or status 1.
value() {
  local line
  [ -r "${2:-$OUT}" ] || return 1
  while IFS= read -r line; do
    if [[ $line == "$1="* ]]; then
      printf '%s' "${line#"$1="}"
      return 0
    fi
  done <"${2:-$OUT}"
  return 1
}

# required KEY [FILE] → what the probe printed as KEY; the case fails if it printed no KEY.
required() {
  value "$@" || fail "the probe printed no '$1' ($(last_error))"
}

# expect KEY WANT [FILE]: the probe printed KEY=WANT.
expect() {
  local got
  got=$(value "$1" "${3:-$OUT}") || fail "the probe printed no '$1' ($(last_error))"
  [ "$got" = "$2" ] || fail "$1 is '$got', want '$2'"
}

# expect_match KEY REGEX [FILE]: KEY's value matches the extended regex.
expect_match() {
  local got
  got=$(value "$1" "${3:-$OUT}") || fail "the probe printed no '$1' ($(last_error))"
  [[ $got =~ $2 ]] || fail "$1 is '$got', want a match of '$2'"
}

# expect_eq WHAT GOT WANT
expect_eq() { [ "$2" = "$3" ] || fail "$1 is '$2', want '$3'"; }

# expect_ne WHAT GOT UNWANTED
expect_ne() { [ "$2" != "$3" ] || fail "$1 is '$2', want something else"; }

# must_fail WHAT COMMAND...: the command (a runtime operation) generates an error.
must_fail() {
  local what=$1; shift
  if "$@"; then fail "$what succeeded, want an error"; fi
}

# has_item LIST ITEM: ITEM is one of the comma-separated LIST.
has_item() { [[ ,$1, == *",$2,"* ]]; }
