package io.waybill.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.contracts.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Kafka resources agree with the contracts (Topics.PUBLIC, Topics.deadLetter) and with what each
 * service's code publishes and its application.properties consumes, so a new event or a new consumer
 * cannot ship without its topic and its ACLs.
 */
class KafkaManifestsTest {

    static List<Path> overlays() {
        return Project.overlays();
    }

    static Set<String> contractTopics() {
        Set<String> topics = new TreeSet<>(Topics.PUBLIC);
        Topics.PUBLIC.forEach(t -> topics.add(Topics.deadLetter(t)));
        ServiceModule.all().forEach(s -> s.outboxDeadLetterTopic().ifPresent(topics::add));
        return topics;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPublicTopicItsDeadLetterTopicAndEachOutboxDeadLetterTopicHasAKafkaTopicAndNothingElseDoes(Path overlay) {
        List<String> declared = K8s.ofKind(Kustomize.render(overlay), "KafkaTopic").stream()
                .map(KafkaManifestsTest::topicName).toList();
        assertThat(declared).containsExactlyInAnyOrderElementsOf(contractTopics());
    }

    @Test
    void productionRunsThreeBrokersAndReplicatesEveryTopicThreeTimesWithTwoInSync() {
        List<ObjectNode> prod = Kustomize.render(Project.overlay("prod"));
        assertThat(brokers(prod)).isEqualTo(3);
        for (ObjectNode topic : K8s.ofKind(prod, "KafkaTopic")) {
            assertThat(topic.at("/spec/replicas").asInt()).as("replicas of %s", topicName(topic)).isEqualTo(3);
            assertThat(topic.at("/spec/config/min.insync.replicas").asInt()).as("min.insync.replicas of %s", topicName(topic))
                    .isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyTopicHasPartitionsARetentionAndFitsOnTheBrokers(Path overlay) {
        List<ObjectNode> objects = Kustomize.render(overlay);
        int brokers = brokers(objects);
        for (ObjectNode topic : K8s.ofKind(objects, "KafkaTopic")) {
            String name = topicName(topic);
            assertThat(topic.at("/spec/partitions").asInt()).as("partitions of %s", name).isPositive();
            assertThat(topic.at("/spec/config/retention.ms").asLong()).as("retention.ms of %s", name).isPositive();
            int replicas = topic.at("/spec/replicas").asInt();
            assertThat(replicas).as("replicas of %s on %d brokers", name, brokers).isBetween(1, brokers);
            assertThat(topic.at("/spec/config/min.insync.replicas").asInt()).as("min.insync.replicas of %s", name)
                    .isBetween(1, Math.max(1, replicas - 1));
        }
    }

    /**
     * Some topics have more than one publisher by design (fulfillment-service reports label and status events
     * for the shipments its 3PL partners handle), so this checks that none is left without one.
     */
    @Test
    void everyPublicTopicIsPublishedBySomeService() {
        for (String topic : Topics.PUBLIC) {
            List<String> publishers = ServiceModule.all().stream()
                    .filter(s -> s.publishedTopics().contains(topic)).map(ServiceModule::name).toList();
            assertThat(publishers).as("services whose code publishes %s", topic).isNotEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void eachServiceWritesWhatItPublishesAndReadsWhatItConsumesAndNothingElse(Path overlay) {
        List<ObjectNode> objects = Kustomize.render(overlay);
        List<ServiceModule> kafkaServices = ServiceModule.all().stream().filter(ServiceModule::usesKafka).toList();
        assertThat(kafkaServices).hasSizeGreaterThanOrEqualTo(6);
        for (ServiceModule service : kafkaServices) {
            ObjectNode user = K8s.get(objects, "KafkaUser", service.name());
            assertThat(user.at("/spec/authentication/type").asText()).isEqualTo("scram-sha-512");

            Set<String> expectedWrites = new TreeSet<>(service.publishedTopics());
            expectedWrites.addAll(service.deadLetterTopics());
            service.outboxDeadLetterTopic().ifPresent(expectedWrites::add);
            assertThat(granted(user, "topic", "Write")).as("topics %s may write", service.name())
                    .containsExactlyInAnyOrderElementsOf(expectedWrites);
            assertThat(granted(user, "topic", "Read")).as("topics %s may read", service.name())
                    .containsExactlyInAnyOrderElementsOf(service.consumedTopics());
            assertThat(granted(user, "group", "Read")).as("consumer groups of %s", service.name())
                    .containsExactlyInAnyOrderElementsOf(service.consumerGroups());
            assertThat(operations(user)).as("operations granted to %s", service.name())
                    .isSubsetOf("Read", "Write", "Describe");
            assertLiteral(user);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void erpUsersReadThePublicTopicsOnlyAndWriteNothing(Path overlay) {
        List<ObjectNode> erpUsers = K8s.ofKind(Kustomize.render(overlay), "KafkaUser").stream()
                .filter(u -> u.at("/metadata/labels/waybill.io~1role").asText().equals("erp")).toList();
        assertThat(erpUsers).isNotEmpty();
        for (ObjectNode user : erpUsers) {
            assertThat(granted(user, "topic", "Read")).containsExactlyInAnyOrderElementsOf(Topics.PUBLIC);
            assertThat(operations(user)).isSubsetOf("Read", "Describe");
            assertLiteral(user);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyAuthenticatedInClusterListeners(Path overlay) {
        ObjectNode kafka = K8s.get(Kustomize.render(overlay), "Kafka", "waybill");
        assertThat(kafka.at("/spec/kafka/authorization/type").asText()).isEqualTo("simple");
        for (JsonNode listener : kafka.at("/spec/kafka/listeners")) {
            assertThat(listener.path("type").asText()).as("listener %s", listener.path("name")).isEqualTo("internal");
            assertThat(listener.path("tls").asBoolean()).as("TLS on listener %s", listener.path("name")).isTrue();
            assertThat(listener.at("/authentication/type").asText()).isEqualTo("scram-sha-512");
        }
    }

    private static String topicName(JsonNode topic) {
        String explicit = topic.at("/spec/topicName").asText("");
        return explicit.isEmpty() ? K8s.name(topic) : explicit;
    }

    private static int brokers(List<ObjectNode> objects) {
        return K8s.ofKind(objects, "KafkaNodePool").stream()
                .filter(p -> Stream.of(p.at("/spec/roles")).flatMap(r -> iterate(r).stream()).anyMatch("broker"::equals))
                .mapToInt(p -> p.at("/spec/replicas").asInt()).sum();
    }

    /** Names of resources of a type on which an ACL allows an operation. */
    private static Set<String> granted(JsonNode user, String resourceType, String operation) {
        Set<String> names = new TreeSet<>();
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            boolean allow = acl.path("type").asText("allow").equals("allow");
            if (allow && acl.at("/resource/type").asText().equals(resourceType)
                    && iterate(acl.path("operations")).contains(operation)) {
                names.add(acl.at("/resource/name").asText());
            }
        }
        return names;
    }

    private static Set<String> operations(JsonNode user) {
        Set<String> operations = new TreeSet<>();
        user.at("/spec/authorization/acls").forEach(acl -> operations.addAll(iterate(acl.path("operations"))));
        return operations;
    }

    /** Topic ACLs name exact topics: a prefix or "*" would let a service write topics it does not own. */
    private static void assertLiteral(JsonNode user) {
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            if (acl.at("/resource/type").asText().equals("topic")) {
                assertThat(acl.at("/resource/patternType").asText("literal")).isEqualTo("literal");
                assertThat(acl.at("/resource/name").asText()).isNotEqualTo("*");
            }
        }
    }

    private static List<String> iterate(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
