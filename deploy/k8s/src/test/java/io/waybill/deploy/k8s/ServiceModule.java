package io.waybill.deploy.k8s;

import io.waybill.contracts.PublicEventType;
import io.waybill.contracts.Topics;
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
import java.util.function.Predicate;
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
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");
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

    /** The consumer groups of its incoming channels: a channel's own group.id, else kafka.group.id. */
    Set<String> consumerGroups() {
        Set<String> groups = new TreeSet<>();
        for (String channel : channels("incoming")) {
            String group = resolve(properties.getProperty("mp.messaging.incoming." + channel + ".group.id",
                    properties.getProperty("kafka.group.id", "")));
            if (!group.isEmpty()) {
                groups.add(group);
            }
        }
        return groups;
    }

    /**
     * The outbox relay's dead-letter topic (event-store OutboxRelay, ADR 0080), for a service that publishes
     * through the outbox (it has an OutboundMapper): {@code waybill.outbox.<quarkus.application.name>.dlq}.
     */
    Optional<String> outboxDeadLetterTopic() {
        return anySourceFile(code -> code.contains("implements OutboundMapper"))
                ? Optional.of("waybill.outbox." + name() + ".dlq") : Optional.empty();
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
        Set<String> topics = new TreeSet<>();
        channels("incoming").forEach(channel -> topics.addAll(incomingTopics(channel)));
        return topics;
    }

    /**
     * Dead-letter topics it writes: a channel's dead-letter-queue.topic, or, for an incoming channel with an
     * outgoing {@code <channel>-dead-letters} channel (the gateway's webhook fan-out sets the topic per
     * record), {@code Topics.deadLetter} of each topic the channel consumes.
     */
    Set<String> deadLetterTopics() {
        Set<String> topics = new TreeSet<>();
        for (String channel : channels("incoming")) {
            String fixed = properties.getProperty("mp.messaging.incoming." + channel + ".dead-letter-queue.topic");
            if (fixed != null) {
                topics.add(resolve(fixed));
            } else if (channels("outgoing").contains(channel + "-dead-letters")) {
                incomingTopics(channel).forEach(t -> topics.add(Topics.deadLetter(t)));
            }
        }
        return topics;
    }

    Set<String> producedChannelTopics() {
        Set<String> topics = new TreeSet<>();
        for (String channel : channels("outgoing")) {
            boolean perRecordDeadLetters = channel.endsWith("-dead-letters")
                    && channels("incoming").contains(channel.substring(0, channel.length() - "-dead-letters".length()));
            if (!perRecordDeadLetters) {
                topics.add(resolve(properties.getProperty("mp.messaging.outgoing." + channel + ".topic", channel)));
            }
        }
        return topics;
    }

    /** Channels of a direction, as declared by their connector. */
    private Set<String> channels(String direction) {
        Set<String> channels = new TreeSet<>();
        String prefix = "mp.messaging." + direction + ".";
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix) && key.endsWith(".connector")) {
                String channel = key.substring(prefix.length(), key.length() - ".connector".length());
                if (!channel.contains(".")) {
                    channels.add(channel);
                }
            }
        }
        // Channels configured without an explicit connector (the connector-wide default applies).
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix) && (key.endsWith(".topic") || key.endsWith(".topics"))) {
                String rest = key.substring(prefix.length());
                String channel = rest.substring(0, rest.indexOf('.'));
                if (rest.equals(channel + ".topic") || rest.equals(channel + ".topics")) {
                    channels.add(channel);
                }
            }
        }
        return channels;
    }

    /**
     * The topics of an incoming channel: topics, else topic, else the channel's name, as SmallRye does. A
     * channel subscribed by the service's own ConfigSource to the whole public catalog (the gateway's
     * PublicTopicsConfigSource: a ConfigSource naming the channel's topics property and PublicEventType)
     * consumes every PublicEventType topic.
     */
    private Set<String> incomingTopics(String channel) {
        String key = "mp.messaging.incoming." + channel;
        Set<String> topics = new TreeSet<>();
        String list = properties.getProperty(key + ".topics");
        String single = properties.getProperty(key + ".topic");
        if (list != null) {
            for (String t : resolve(list).split(",")) {
                topics.add(t.trim());
            }
        } else if (single != null) {
            topics.add(resolve(single));
        } else if (subscribedToPublicCatalogInCode()) {
            for (PublicEventType type : PublicEventType.values()) {
                topics.add(type.topic());
            }
        } else {
            topics.add(channel);
        }
        return topics;
    }

    private boolean subscribedToPublicCatalogInCode() {
        return anySourceFile(code -> code.contains("implements ConfigSource") && code.contains("PublicEventType::topic")
                && code.contains(".topics\""));
    }

    private boolean anySourceFile(Predicate<String> matches) {
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (matches.test(Files.readString(file))) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A property value with its ${key} and ${key:default} expressions expanded (environment unset). */
    private String resolve(String value) {
        Matcher m = EXPRESSION.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            String referenced = properties.getProperty(m.group(1));
            String replacement = referenced != null ? resolve(referenced) : m.group(2) != null ? m.group(2) : "";
            m.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(resolved);
        return resolved.toString();
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
