# Sourced by ./mvnw, ./flint and .ci/run: points JAVA_HOME at a JDK 25 or newer, or fails clearly.
flint_java_major() { # prints the feature version of the JDK at $1
  local release="$1/release"
  [ -f "$release" ] || return 1
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

flint_find_jdk25() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(flint_java_major "$candidate") || continue
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}

if ! FLINT_JDK=$(flint_find_jdk25); then
  echo "error: Flint needs a JDK 25 or newer and found none." >&2
  echo "       Looked at \$JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm/*, /opt/java/*, /opt/jdk*, ~/.sdkman." >&2
  echo "       Install one (for example Temurin 25) and set JAVA_HOME to it." >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME="$FLINT_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
