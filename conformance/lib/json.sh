# JSON without jq: quoting values for config.json, and reading flat fields of a runtime's output.

# json_str TEXT → "TEXT" with backslash, quote and control characters escaped.
json_str() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\t'/\\t}
  s=${s//$'\r'/\\r}
  printf '"%s"' "$s"
}

# json_strs A B ... → ["A", "B", ...]
json_strs() {
  local out="" a
  for a in "$@"; do out+="${out:+, }$(json_str "$a")"; done
  printf '[%s]' "$out"
}

# json_get JSON KEY → the first "KEY": value (string unquoted, or number/true/false/null).
# Enough for the flat documents runtimes print (state); not a general parser.
json_get() {
  local json=${1//$'\n'/ } key=$2
  local re="\"$key\"[[:space:]]*:[[:space:]]*(\"([^\"\\\\]|\\\\.)*\"|-?[0-9]+|true|false|null)"
  [[ $json =~ $re ]] || return 1
  local value=${BASH_REMATCH[1]}
  if [[ $value == \"*\" ]]; then
    value=${value:1:${#value}-2}
    value=${value//\\\//\/}
    value=${value//\\\"/\"}
    value=${value//\\\\/\\}
  fi
  printf '%s' "$value"
}
