#!/usr/bin/env bash
# Print the path of a working Python 3.12 interpreter, or nothing.
# Looks on PATH, in pyenv's versions, then in the usual system places.
cands=()
command -v python3.12 >/dev/null 2>&1 && cands+=("$(command -v python3.12)")
root="${PYENV_ROOT:-$HOME/.pyenv}"
for d in "$root"/versions/3.12*/bin/python3.12; do [ -e "$d" ] && cands+=("$d"); done
cands+=(/usr/bin/python3.12 /usr/local/bin/python3.12)
command -v python3 >/dev/null 2>&1 && cands+=("$(command -v python3)")
for c in "${cands[@]}"; do
  if [ -x "$c" ] && "$c" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' >/dev/null 2>&1; then
    echo "$c"; exit 0
  fi
done
exit 0
