# Build: ./mvnw -B -DskipTests package  (the image takes the executable jar from target/)
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 tagprocessor
COPY tag-processor/target/tag-processor-*-exec.jar /app/tag-processor.jar
USER 10001
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/tag-processor.jar"]
