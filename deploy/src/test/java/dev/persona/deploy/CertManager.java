package dev.persona.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * The two cert-manager kinds (cert-manager.io/v1) of the optional component {@code k8s/components/cert-manager}, as
 * a small typed model of exactly the fields it uses: a field the model does not know fails the parse, so nothing of
 * those objects goes unchecked (fabric8's Kubernetes model has no cert-manager classes).
 */
final class CertManager {

    static final String API_VERSION = "cert-manager.io/v1";
    static final String GROUP = "cert-manager.io";

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private CertManager() {
    }

    record Metadata(String name, Map<String, String> labels) {
    }

    record Certificate(String apiVersion, String kind, Metadata metadata, CertificateSpec spec) {
        String name() {
            return metadata.name();
        }
    }

    record CertificateSpec(String secretName, SecretTemplate secretTemplate, List<String> dnsNames, String duration,
                           String renewBefore, PrivateKey privateKey, List<String> usages, Integer revisionHistoryLimit,
                           IssuerRef issuerRef) {
    }

    record SecretTemplate(Map<String, String> labels) {
    }

    record PrivateKey(String algorithm, Integer size, String encoding, String rotationPolicy) {
    }

    record IssuerRef(String group, String kind, String name) {
    }

    record Issuer(String apiVersion, String kind, Metadata metadata, IssuerSpec spec) {
        String name() {
            return metadata.name();
        }
    }

    /** Only the CA issuer: it signs with the certificate and key of a Secret (keys tls.crt and tls.key). */
    record IssuerSpec(CaIssuer ca) {
    }

    record CaIssuer(String secretName) {
    }

    static boolean isCertManager(String apiVersion) {
        return API_VERSION.equals(apiVersion);
    }

    /** The object as the model of its kind; a kind or a field the model does not know is an error. */
    static Object parse(com.fasterxml.jackson.databind.JsonNode tree) {
        String kind = tree.path("kind").asText();
        Class<?> type = switch (kind) {
            case "Certificate" -> Certificate.class;
            case "Issuer" -> Issuer.class;
            default -> throw new IllegalArgumentException("no model for cert-manager kind " + kind);
        };
        try {
            return STRICT.treeToValue(tree, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(kind + " " + tree.at("/metadata/name").asText() + " does not fit the model: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * A Go duration as cert-manager reads {@code duration} and {@code renewBefore}, in hours (the unit these
     * manifests use; anything else is refused rather than guessed).
     */
    static long hours(String duration) {
        if (duration == null || !duration.matches("\\d+h")) {
            throw new IllegalArgumentException("a duration in whole hours, e.g. 2160h: " + duration);
        }
        return Long.parseLong(duration.substring(0, duration.length() - 1));
    }
}
