# syntax=docker/dockerfile:1
# tag-processor image, built from source on a clean clone: `docker build -t tag-processor .`
# (or `docker compose up --build`). Two stages: compile with the Maven wrapper and split the Boot
# jar into its layers, then run the layers on a JRE as a non-root user.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
# The reactor needs every module pom listed in the parent (see .dockerignore), but only the service
# and what it depends on are built. Tests are not compiled here (CI runs them) and test-infra's
# schema-registry download, used only by tests, is skipped. The cache mount keeps ~/.m2 between builds.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl tag-processor -am package -Dmaven.test.skip=true -Ddownload.plugin.skip=true \
    && cp tag-processor/target/tag-processor-*-exec.jar /tmp/app.jar
# Boot's layers (dependencies, loader, snapshots, application) as plain folders, launcher included
RUN java -Djarmode=tools -jar /tmp/app.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:17-jre
# curl serves the HEALTHCHECK below and compose's health check
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 tagprocessor \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin tagprocessor
WORKDIR /app
# Least often changed first, so a code change rebuilds only the last, small layer.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./

# Sized for a 512 MiB container limit. Measured on this build after startup (NMT, heap capped at
# 256 MiB): metaspace 63 MiB, code cache 14 MiB, 42 threads, symbols 16 MiB, RSS 245 MiB. So:
# - MaxRAMPercentage=50: 256 MiB heap; the other half covers metaspace, code cache, thread stacks,
#   direct buffers and glibc arenas with ~100 MiB to spare under load.
# - MaxMetaspaceSize=128m: twice what is used, a cap so a class-loading leak fails fast instead of
#   being OOM-killed; ReservedCodeCacheSize=64m (default 240m) is ample for this code base.
# - Xss512k: half the default stack per thread; the deepest stacks here are Spring/Jackson.
# - MaxDirectMemorySize=64m: Tomcat and the JDK's NIO buffers; Kafka clients use heap buffers.
# - UseSerialGC: the lowest native overhead (no G1 remembered sets) on a heap this small and with
#   one or two CPUs; its pauses on 256 MiB stay far below the consumer's poll and session timeouts.
# - ExitOnOutOfMemoryError: a JVM out of heap exits so the orchestrator restarts it.
# Replace the whole set by setting JAVA_TOOL_OPTIONS (e.g. MaxRAMPercentage=60 for a 1 GiB limit).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -Xss512k -XX:MaxDirectMemorySize=64m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError" \
    MALLOC_ARENA_MAX=2 \
    LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs \
    SERVER_PORT=8080

USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=150s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
