package dev.persona.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The container builds of each service (Quarkus layout) and the native Maven profile agree with the manifests. */
class ImagesTest {

    static List<String> services() {
        return KubernetesManifestsTest.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void jvmImageRunsTheFastJarAsANonRootUserOnTheServicePorts(String service) throws IOException {
        String docker = dockerfile(service, "Dockerfile.jvm");
        Matcher from = Pattern.compile("(?m)^FROM \\S+/ubi9/openjdk-(\\d+)-runtime:\\S+$").matcher(docker);
        assertTrue(from.find(), service + ": a UBI 9 OpenJDK runtime image");
        assertTrue(Integer.parseInt(from.group(1)) >= javaRelease(), service + ": the runtime runs the compiled release");
        for (String part : List.of("lib/", "*.jar", "app/", "quarkus/")) {
            assertTrue(docker.contains("target/quarkus-app/" + part), service + " copies target/quarkus-app/" + part);
        }
        checkPortAndUser(service, docker);
    }

    @ParameterizedTest
    @MethodSource("services")
    void nativeImageRunsTheRunnerAsANonRootUserOnTheServicePorts(String service) throws IOException {
        String docker = dockerfile(service, "Dockerfile.native");
        assertTrue(docker.matches("(?s).*FROM \\S+/ubi9/ubi-minimal:\\S+.*"), service + ": minimal base image");
        assertTrue(docker.contains("target/*-runner"), service + " copies the native executable");
        checkPortAndUser(service, docker);
    }

    @Test
    void nativeProfileBuildsInAMandrelContainer() throws IOException {
        String pom = Files.readString(Paths.repository().resolve("pom.xml"));
        Matcher m = Pattern.compile("(?s)<profile>\\s*(?:<!--.*?-->\\s*)?<id>native</id>(.*?)</profile>").matcher(pom);
        assertTrue(m.find(), "the root pom has a profile 'native'");
        String profile = m.group(1);
        assertTrue(profile.contains("<quarkus.native.enabled>true</quarkus.native.enabled>"));
        assertTrue(profile.contains("<quarkus.native.container-build>true</quarkus.native.container-build>"));
        assertTrue(profile.matches("(?s).*<quarkus.native.builder-image>[^<]*mandrel[^<]*</quarkus.native.builder-image>.*"));
    }

    private static void checkPortAndUser(String service, String docker) {
        ServiceConfig cfg = ServiceConfig.of(service);
        assertEquals(List.of(cfg.defaultPort(), cfg.defaultManagementPort()), exposed(docker),
                service + " exposes its API port, then its management port");
        // No HEALTHCHECK is needed (Kubernetes and Compose bring their own); one would have to ask the management port.
        Matcher health = Pattern.compile("(?m)^HEALTHCHECK\\s+(.*)$").matcher(docker);
        while (health.find()) {
            String check = health.group(1);
            assertTrue(check.trim().equals("NONE") || (check.contains(":" + cfg.defaultManagementPort() + "/")
                            && !check.contains(":" + cfg.defaultPort())),
                    service + ": a HEALTHCHECK asks the management port " + cfg.defaultManagementPort() + ": " + check);
        }
        Matcher user = Pattern.compile("(?m)^USER (\\d+)$").matcher(docker);
        assertTrue(user.find(), service + " names a numeric user (runAsNonRoot can check only a number)");
        assertNotEquals(0, Integer.parseInt(user.group(1)), service + " does not run as root");
    }

    /** The ports a Dockerfile's EXPOSE lines name, in order. */
    static List<Integer> exposed(String docker) {
        List<Integer> ports = new ArrayList<>();
        Matcher expose = Pattern.compile("(?m)^EXPOSE ((?:\\d+(?:/tcp)?\\s*)+)$").matcher(docker);
        while (expose.find()) {
            for (String p : expose.group(1).trim().split("\\s+")) {
                ports.add(Integer.parseInt(p.replace("/tcp", "")));
            }
        }
        return ports;
    }

    private static String dockerfile(String service, String name) throws IOException {
        Path file = Paths.repository().resolve(service).resolve("src/main/docker").resolve(name);
        return Files.readString(file);
    }

    private static int javaRelease() throws IOException {
        String pom = Files.readString(Paths.repository().resolve("pom.xml"));
        Matcher m = Pattern.compile("<maven.compiler.release>(\\d+)</maven.compiler.release>").matcher(pom);
        assertTrue(m.find());
        return Integer.parseInt(m.group(1));
    }

    /** The version of the suite, from the root pom (the tag of the images built here). */
    static String projectVersion() throws IOException {
        String pom = Files.readString(Paths.repository().resolve("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>persona-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(m.find());
        return m.group(1);
    }
}
