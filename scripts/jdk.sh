# Sourced by the launch scripts: sets JAVA to the java of the JDK 25 that the build selects (maven-toolchains-plugin:
# JAVA_HOME, JAVA25_HOME, /usr/lib/jvm, sdkman, ~/.m2/toolchains.xml, ...), so that what they start runs on the same
# JDK as the build and the tests. Every build that includes the root project records it in target/jdk/; when no build
# has yet (or the recorded JDK is gone), the root project's initialize phase is run for it, which takes a few seconds
# and fails with one line saying what to install if there is no JDK 25.
jdk_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jdk_record="$jdk_root/target/jdk/selected-jdk.txt"
jdk_home() { sed -n 's/^ *java\.home = //p' "$jdk_record" 2>/dev/null; }
if [ ! -x "$(jdk_home)/bin/java" ]; then
  (cd "$jdk_root" && ./mvnw -q -B -N initialize)
fi
JAVA="$(jdk_home)/bin/java"
export JAVA
