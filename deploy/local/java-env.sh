# shellcheck shell=bash
# Waybill local platform: pick a JDK >= 21 and export JAVA_HOME and PATH.
#
#   source deploy/local/java-env.sh      # in a script or shell; returns 1 if no JDK >= 21
#   bash deploy/local/java-env.sh        # prints the JDK it would use
#
# Order: $JAVA_HOME (if >= 21), then `java` on PATH (if >= 21), then the newest
# /usr/lib/jvm/* whose version is >= 21. WAYBILL_MIN_JAVA overrides the minimum (default 21).

# Major version of a java binary ("17.0.15" -> 17, "1.8.0_392" -> 8, "25" -> 25); empty if unknown.
waybill_java_major() {
  local bin="$1" release line ver=""
  [ -x "$bin" ] || return 0
  # The JDK's `release` file is instant; `java -version` is the fallback.
  release="$(dirname "$(dirname "$bin")")/release"
  if [ -r "$release" ]; then
    line="$(grep -m1 '^JAVA_VERSION=' "$release" || true)"
    ver="${line#JAVA_VERSION=}"
    ver="${ver//\"/}"
  fi
  if [ -z "$ver" ]; then
    line="$("$bin" -version 2>&1 | grep -m1 -E 'version "[^"]+"' || true)"
    ver="${line#*version \"}"
    ver="${ver%%\"*}"
  fi
  case "$ver" in
    1.*) ver="${ver#1.}" ;;
  esac
  ver="${ver%%[!0-9]*}"
  printf '%s' "$ver"
}

waybill_java_env() {
  local min="${WAYBILL_MIN_JAVA:-21}" found="" candidate major path_java best="" best_major=0
  local -a seen=()

  # 1. JAVA_HOME
  if [ -n "${JAVA_HOME:-}" ]; then
    major="$(waybill_java_major "$JAVA_HOME/bin/java")"
    seen+=("JAVA_HOME=$JAVA_HOME (java ${major:-not runnable})")
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then
      found="$JAVA_HOME"
    fi
  fi

  # 2. java on PATH
  if [ -z "$found" ] && path_java="$(command -v java 2>/dev/null)"; then
    path_java="$(readlink -f "$path_java")"
    major="$(waybill_java_major "$path_java")"
    seen+=("PATH java=$path_java (java ${major:-unknown})")
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then
      found="$(dirname "$(dirname "$path_java")")"
    fi
  fi

  # 3. newest JDK under /usr/lib/jvm
  if [ -z "$found" ]; then
    for candidate in /usr/lib/jvm/*; do
      [ -x "$candidate/bin/java" ] || continue
      [ -L "$candidate" ] && continue # Debian aliases point at real dirs we also visit
      major="$(waybill_java_major "$candidate/bin/java")"
      seen+=("$candidate (java ${major:-unknown})")
      if [ -n "$major" ] && [ "$major" -ge "$min" ] && [ "$major" -gt "$best_major" ]; then
        best="$candidate"
        best_major="$major"
      fi
    done
    found="$best"
  fi

  if [ -z "$found" ]; then
    echo "waybill: no JDK >= $min found. Looked at:" >&2
    if [ "${#seen[@]}" -eq 0 ]; then
      echo "  (nothing: JAVA_HOME unset, no java on PATH, nothing under /usr/lib/jvm)" >&2
    else
      printf '  - %s\n' "${seen[@]}" >&2
    fi
    echo "Install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME." >&2
    return 1
  fi

  JAVA_HOME="$found"
  export JAVA_HOME
  case ":$PATH:" in
    "$JAVA_HOME/bin:"*) ;;
    *) PATH="$JAVA_HOME/bin:$PATH" ;;
  esac
  export PATH
  WAYBILL_JAVA_MAJOR="$(waybill_java_major "$JAVA_HOME/bin/java")"
  export WAYBILL_JAVA_MAJOR
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  # Executed, not sourced: report.
  set -euo pipefail
  waybill_java_env
  echo "JAVA_HOME=$JAVA_HOME (java $WAYBILL_JAVA_MAJOR)"
else
  waybill_java_env || return 1
fi
