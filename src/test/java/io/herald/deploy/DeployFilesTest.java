package io.herald.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every file under deploy/ parses and names what running Herald safely needs. */
class DeployFilesTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<JsonNode> documents(Path file) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                docs.add(it.next());
            }
        }
        return docs;
    }

    static JsonNode kind(List<JsonNode> docs, String kind) {
        return docs.stream()
                .filter(d -> kind.equals(d.path("kind").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }

    @Test
    void kubernetesManifestsNameProbesLimitsSecretsAndDisruptionBudget() throws Exception {
        List<JsonNode> docs = documents(Path.of("deploy/kubernetes/herald.yaml"));
        assertThat(docs)
                .extracting(d -> d.path("kind").asText())
                .contains("Deployment", "Service", "ConfigMap", "PodDisruptionBudget");
        JsonNode deployment = kind(docs, "Deployment");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        JsonNode pod = deployment.at("/spec/template/spec");
        assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isGreaterThanOrEqualTo(30);
        JsonNode container = pod.at("/containers/0");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/resources/requests/memory").asText()).isNotEmpty();
        assertThat(container.at("/resources/limits/memory").asText()).isNotEmpty();
        List<String> secrets = new ArrayList<>();
        container
                .path("env")
                .forEach(e -> secrets.add(e.at("/valueFrom/secretKeyRef/key").asText()));
        assertThat(secrets).contains("db-password", "smtp-password", "admin-password");
        assertThat(container.toString()).doesNotContainIgnoringCase("change-me");
        assertThat(kind(docs, "PodDisruptionBudget").at("/spec/minAvailable").asInt())
                .isEqualTo(1);
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    }

    @Test
    void composeRunsTwoNodesPostgresAndAMailCatcher() throws Exception {
        JsonNode compose = documents(Path.of("deploy/compose/compose.yaml")).get(0);
        assertThat(compose.path("services").fieldNames())
                .toIterable()
                .contains("postgres", "mail", "herald-a", "herald-b");
        assertThat(compose.at("/services/herald-b/environment/HERALD_DB_URL").asText())
                .isEqualTo(compose.at("/services/herald-a/environment/HERALD_DB_URL")
                        .asText())
                .startsWith("jdbc:postgresql:");
    }

    @Test
    void containerAndSystemdRunAsAnUnprivilegedUserWithAHealthCheck() throws Exception {
        String containerfile = Files.readString(Path.of("deploy/container/Containerfile"));
        assertThat(containerfile)
                .contains("USER herald")
                .contains("HEALTHCHECK")
                .contains("/q/health/ready")
                .contains("quarkus-app-prod")
                .contains("exec java");
        String unit = Files.readString(Path.of("deploy/systemd/herald.service"));
        assertThat(unit)
                .contains(
                        "User=herald",
                        "NoNewPrivileges=yes",
                        "ProtectSystem=strict",
                        "PrivateTmp=yes",
                        "EnvironmentFile=/etc/herald/herald.env",
                        "KillSignal=SIGTERM",
                        "SuccessExitStatus=143");
    }

    /**
     * The class-data archive: systemd writes it in a unit of its own (with room for the JVM's dump) before the node,
     * and the node and the container map the very file the script writes, only when it is there (naming a missing
     * archive turns the JDK's own class sharing off). The smoke run starts a node on it.
     */
    @Test
    void theClassDataArchiveIsWrittenBeforeTheNodeAndMappedOnlyWhenThere() throws Exception {
        String archive = "/srv/herald/data/herald.jsa";
        assertThat(Files.isExecutable(Path.of("deploy/class-data.sh"))).isTrue();
        String trainer = Files.readString(Path.of("deploy/systemd/herald-class-data.service"));
        assertThat(trainer)
                .contains(
                        "Type=oneshot",
                        "User=herald",
                        "Before=herald.service",
                        "EnvironmentFile=/etc/herald/herald.env",
                        "ExecStart=/opt/herald/class-data.sh /opt/herald/herald-runner.jar " + archive,
                        "ReadWritePaths=/srv/herald/data");
        String limit = trainer.lines()
                .filter(l -> l.startsWith("MemoryMax="))
                .findFirst()
                .orElseThrow();
        assertThat(Integer.parseInt(limit.replaceAll("\\D", ""))).isGreaterThanOrEqualTo(512);
        String mapped = "$(test -s " + archive + " && echo -XX:SharedArchiveFile=" + archive + ")";
        String unit = Files.readString(Path.of("deploy/systemd/herald.service"));
        assertThat(unit)
                .contains("Wants=network-online.target herald-class-data.service")
                .contains("herald-class-data.service\n")
                .contains("exec /usr/bin/java @/opt/herald/jvm.options $" + mapped
                        + " -jar /opt/herald/herald-runner.jar");
        assertThat(Files.readString(Path.of("deploy/container/Containerfile")))
                .contains("deploy/class-data.sh /srv/herald/app/class-data.sh")
                .contains("exec java @/srv/herald/app/jvm.options " + mapped + " $JAVA_OPTS");
        assertThat(Files.readString(Path.of("deploy/smoke/two-node-smoke.sh")))
                .contains("deploy/class-data.sh", "-XX:SharedArchiveFile=\"$work/herald.jsa\" -Xshare:on");
    }

    /**
     * deploy/jvm.options is what every way of running a node starts the JVM with, and this JVM accepts it (a misspelt
     * option stops the JVM before Herald starts). The pod's limit leaves room above the 256 MB the options hold, and
     * the ledger journal's data folder is writable on a read-only root file system.
     */
    @Test
    void everyDeploymentRunsTheJvmOptionsThisJvmAccepts() throws Exception {
        assertJvmStartsWith("@deploy/jvm.options");
        assertThat(Files.readString(Path.of("deploy/jvm.options"))).contains("-Xmx128m", "-XX:+UseSerialGC");
        assertThat(Files.readString(Path.of("deploy/container/Containerfile")))
                .contains("deploy/jvm.options", "java @/srv/herald/app/jvm.options", "MALLOC_ARENA_MAX=2");
        assertThat(Files.readString(Path.of("deploy/systemd/herald.service")))
                .contains("java @/opt/herald/jvm.options", "MALLOC_ARENA_MAX=2");
        assertThat(Files.readString(Path.of("deploy/smoke/two-node-smoke.sh")))
                .contains("java @\"$root/deploy/jvm.options\"");
        JsonNode pod = kind(documents(Path.of("deploy/kubernetes/herald.yaml")), "Deployment")
                .at("/spec/template/spec");
        String limit = pod.at("/containers/0/resources/limits/memory").asText();
        assertThat(limit).endsWith("Mi");
        assertThat(Integer.parseInt(limit.replace("Mi", ""))).isBetween(300, 512);
        List<String> mounts = new ArrayList<>();
        pod.at("/containers/0/volumeMounts")
                .forEach(m -> mounts.add(m.path("mountPath").asText()));
        assertThat(mounts).contains("/srv/herald/data");
    }

    /**
     * deploy/README.md tells a node with memory to spare how to turn the optimising compiler back on after
     * jvm.options; the JVM refuses tiered compilation on one compiler thread, so the advice names a second one, and
     * this JVM starts with it.
     */
    @Test
    void theOptimisingCompilerAdviceStartsAJvm() throws Exception {
        String advice = "-XX:TieredStopAtLevel=4 -XX:CICompilerCount=2";
        assertThat(Files.readString(Path.of("deploy/README.md"))).contains("`" + advice + "`");
        assertThat(Files.readString(Path.of("deploy/container/Containerfile"))).contains(advice);
        List<String> options = new ArrayList<>(List.of("@deploy/jvm.options"));
        options.addAll(List.of(advice.split(" ")));
        assertJvmStartsWith(options.toArray(String[]::new));
    }

    /** This JVM starts with the options and prints its version (a misspelt or contradictory option stops it). */
    private static void assertJvmStartsWith(String... options) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(options));
        command.add("-version");
        Process jvm = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(jvm.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(jvm.waitFor()).as(out).isZero();
    }

    @Test
    void monitoringFilesParseAndAlertOnWhatOperatorsNeed() throws Exception {
        JsonNode prometheus =
                YAML.readTree(Path.of("deploy/monitoring/prometheus.yml").toFile());
        org.assertj.core.api.Assertions.assertThat(
                        prometheus.at("/scrape_configs/0/metrics_path").asText())
                .isEqualTo("/q/metrics");
        JsonNode rules = YAML.readTree(
                        Path.of("deploy/monitoring/herald-alerts.yml").toFile())
                .at("/groups/0/rules");
        java.util.List<String> alerts = new java.util.ArrayList<>();
        rules.forEach(r -> alerts.add(r.path("alert").asText()));
        org.assertj.core.api.Assertions.assertThat(alerts)
                .contains(
                        "HeraldSendStalled",
                        "HeraldErrorRateHigh",
                        "HeraldBounceRateHigh",
                        "HeraldJobStalled",
                        "HeraldJobFailing");
        rules.forEach(
                r -> org.assertj.core.api.Assertions.assertThat(r.path("expr").asText())
                        .isNotBlank());
        JsonNode dashboard = new ObjectMapper()
                .readTree(Path.of("deploy/monitoring/grafana-dashboard.json").toFile());
        org.assertj.core.api.Assertions.assertThat(dashboard.path("panels").size())
                .isGreaterThanOrEqualTo(6);
    }

    @Test
    void theSmokeRunIsExecutableAndCiRunsIt() throws Exception {
        Path smoke = Path.of("deploy/smoke/two-node-smoke.sh");
        org.assertj.core.api.Assertions.assertThat(java.nio.file.Files.isExecutable(smoke))
                .isTrue();
        org.assertj.core.api.Assertions.assertThat(java.nio.file.Files.readString(Path.of(".ci/run")))
                .contains("bash deploy/smoke/two-node-smoke.sh");
    }
}
