# Finds a JDK 25 or newer for the build and the platform; sourced by .ci/run and the deploy/ scripts.
# Looks at JAVA_HOME, then the `java` on the PATH, then the usual install folders; exports JAVA_HOME and puts its bin
# first on the PATH, so ./mvnw, the launcher and the services all run on it. Says what to install when there is none.
# `bash deploy/jdk.sh` prints the JAVA_HOME it would use (export JAVA_HOME=$(bash deploy/jdk.sh)).

GONGYI_JAVA_RELEASE=25

# the major version of the java at $1 (bin/java), or nothing
gongyi_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

gongyi_find_jdk() {
  local candidates=() java home major
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
  java=$(command -v java 2>/dev/null) && candidates+=("$(readlink -f "$java")")
  for home in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/java/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
              /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    candidates+=("$home/bin/java")
  done
  for java in "${candidates[@]}"; do
    [[ -x "$java" && -x "$(dirname "$java")/javac" ]] || continue
    major=$(gongyi_java_major "$java")
    if [[ -n "$major" ]] && (( major >= GONGYI_JAVA_RELEASE )); then
      (cd "$(dirname "$java")/.." && pwd -P)
      return 0
    fi
  done
  return 1
}

if ! GONGYI_JDK=$(gongyi_find_jdk); then
  {
    echo "Gongyi needs a JDK $GONGYI_JAVA_RELEASE or newer, and found none:"
    echo "  JAVA_HOME=${JAVA_HOME:-(not set)}; java on the PATH: $(java -version 2>&1 | head -1 || echo none)"
    echo "  looked in /usr/lib/jvm, /opt/java, /usr/java, ~/.sdkman/candidates/java, ~/.jdks and macOS's JavaVirtualMachines."
    echo "Install one, e.g. Eclipse Temurin $GONGYI_JAVA_RELEASE (https://adoptium.net: Debian/Ubuntu package"
    echo "temurin-$GONGYI_JAVA_RELEASE-jdk from Adoptium's apt repository, or \`sdk install java $GONGYI_JAVA_RELEASE-tem\`),"
    echo "then set JAVA_HOME to it or run again."
  } >&2
  if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then exit 1; else return 1; fi
fi
export JAVA_HOME="$GONGYI_JDK"
export PATH="$JAVA_HOME/bin:$PATH"

# The deploy tools (launcher, demo, benchmarks, audit, tokens) on their jar and libraries (jars only: the JDK's AOT
# cache takes no folders). Usage: gongyi_tools [java options] main-class [arguments]
GONGYI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GONGYI_TOOLS_CP="$GONGYI_ROOT/deploy/target/gongyi-deploy.jar:$GONGYI_ROOT/deploy/target/lib/*"
gongyi_tools() {
  exec java -cp "$GONGYI_TOOLS_CP" "$@"
}
# The same for what starts a platform (the launcher, its Kafka broker and PostgreSQL), with the AOT cache the build
# trained for it (deploy/target/launcher.aot) when there is one; a cache this JVM cannot use is skipped, silently. The
# small tools go without: the cache maps and links all the launcher's classes at start, which they would only wait for.
gongyi_launcher() {
  local aot=()
  if [[ -f "$GONGYI_ROOT/deploy/target/launcher.aot" ]]; then
    aot=("-XX:AOTCache=$GONGYI_ROOT/deploy/target/launcher.aot" "-Xlog:aot*=off")
  fi
  exec java "${aot[@]}" -cp "$GONGYI_TOOLS_CP" "$@"
}
