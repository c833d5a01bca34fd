package io.waybill.deploy.k8s;

import io.waybill.contracts.PublicEventType;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service module says about itself, read from its application.properties and its code: the
 * facts the manifests must agree with.
 */
record ServiceModule(String directory, Properties properties, String rawProperties, Path sources) {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::([^}]*))?}");
    private static final Pattern NEW_EVENT = Pattern.compile("new\\s+(io\\.waybill\\.contracts\\.)?(\\w+)\\s*\\(");

    /** The reactor's modules that are Quarkus services (they have an application.properties). */
    static List<ServiceModule> all() {
        try {
            String pom = Files.readString(Project.ROOT.resolve("pom.xml"));
            List<ServiceModule> services = new ArrayList<>();
            Matcher m = MODULE.matcher(pom);
            while (m.find()) {
                Path dir = Project.ROOT.resolve(m.group(1));
                Path props = dir.resolve("src/main/resources/application.properties");
                if (Files.isRegularFile(props)) {
                    Properties p = new Properties();
                    try (Reader r = Files.newBufferedReader(props)) {
                        p.load(r);
                    }
                    services.add(new ServiceModule(m.group(1), p, Files.readString(props), dir.resolve("src/main/java")));
                }
            }
            return services;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return properties.getProperty("quarkus.application.name");
    }

    /** The port the service listens on in a container: the default of quarkus.http.port's expression. */
    int httpPort() {
        String port = properties.getProperty("quarkus.http.port", "8080");
        Matcher m = PLACEHOLDER.matcher(port);
        return Integer.parseInt(m.find() && m.group(2) != null ? m.group(2) : port);
    }

    boolean usesKafka() {
        return properties.containsKey("kafka.bootstrap.servers");
    }

    Optional<String> consumerGroup() {
        return Optional.ofNullable(properties.getProperty("kafka.group.id"));
    }

    /** Environment variables named in the properties' expressions, e.g. ORDER_DB_URL. */
    Set<String> placeholders() {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(rawProperties);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * Whether an environment variable configures this service: it is named in an expression, it is the
     * Quarkus environment form of a property the service sets (QUARKUS_DATASOURCE_JDBC_URL), or it is a
     * Kafka client setting (KAFKA_*, which Quarkus passes to every Kafka client as kafka.*).
     */
    boolean readsEnvironmentVariable(String variable) {
        if (placeholders().contains(variable)) {
            return true;
        }
        if (usesKafka() && variable.startsWith("KAFKA_")) {
            return true;
        }
        return properties.stringPropertyNames().stream()
                .filter(key -> !key.startsWith("%"))
                .anyMatch(key -> key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase().equals(variable));
    }

    Set<String> consumedTopics() {
        return channelTopics("incoming", ".topic");
    }

    Set<String> deadLetterTopics() {
        return channelTopics("incoming", ".dead-letter-queue.topic");
    }

    Set<String> producedChannelTopics() {
        return channelTopics("outgoing", ".topic");
    }

    private Set<String> channelTopics(String direction, String suffix) {
        Set<String> topics = new TreeSet<>();
        String prefix = "mp.messaging." + direction + ".";
        for (String key : properties.stringPropertyNames()) {
            String channel = key.startsWith(prefix) && key.endsWith(suffix)
                    ? key.substring(prefix.length(), key.length() - suffix.length()) : null;
            if (channel != null && !channel.contains(".")) {
                topics.add(properties.getProperty(key));
            }
        }
        return topics;
    }

    /**
     * The public topics this service's outbox publishes: the contracts' event records its code hands to
     * {@code PublicEvents.outbound}, mapped to their topics by the catalog (PublicEventType).
     */
    Set<String> publishedTopics() {
        Set<String> topics = new TreeSet<>(producedChannelTopics());
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Files.readString(file);
                if (!code.contains("PublicEvents.outbound(")) {
                    continue;
                }
                Matcher m = NEW_EVENT.matcher(code);
                while (m.find()) {
                    String simpleName = m.group(2);
                    boolean contractsRecord = m.group(1) != null
                            || code.contains("import io.waybill.contracts." + simpleName + ";");
                    if (contractsRecord) {
                        for (PublicEventType type : PublicEventType.values()) {
                            if (type.eventClass().getSimpleName().equals(simpleName)) {
                                topics.add(type.topic());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return topics;
    }

    /** The image Quarkus Jib builds: {@code <quarkus.container-image.group>/<quarkus.application.name>}. */
    String imageRepository() {
        String group = properties.getProperty("quarkus.container-image.group");
        if (group == null) {
            throw new AssertionError(directory + " sets no quarkus.container-image.group");
        }
        return group + "/" + properties.getProperty("quarkus.container-image.name", name());
    }
}
