package dev.persona.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors;
import dev.persona.api.v1.ProfileServiceGrpc;
import dev.persona.api.v1.RecommendServiceGrpc;
import dev.persona.api.v1.SegmentServiceGrpc;
import dev.persona.api.v1.SimilarityServiceGrpc;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The role table against the proto descriptors: every RPC of every persona.v1 service named, nothing else. */
class RpcRolesTest {

    private static final List<ServiceDescriptor> SERVICES = List.of(ProfileServiceGrpc.getServiceDescriptor(),
            SimilarityServiceGrpc.getServiceDescriptor(), RecommendServiceGrpc.getServiceDescriptor(),
            SegmentServiceGrpc.getServiceDescriptor());

    /** Every RPC of every service in the files that define the four services (so a new service is caught too). */
    private static Set<String> rpcsInTheProtos() {
        Set<String> rpcs = new TreeSet<>();
        for (ServiceDescriptor s : SERVICES) {
            Descriptors.FileDescriptor file =
                    ((ProtoFileDescriptorSupplier) s.getSchemaDescriptor()).getFileDescriptor();
            for (Descriptors.ServiceDescriptor service : file.getServices()) {
                for (Descriptors.MethodDescriptor m : service.getMethods()) {
                    rpcs.add(service.getFullName() + "/" + m.getName());
                }
            }
        }
        return rpcs;
    }

    @Test
    void everyRpcInTheProtosHasRolesAndTheTableNamesNoOther() {
        Set<String> rpcs = rpcsInTheProtos();
        Set<String> missing = new TreeSet<>(rpcs);
        missing.removeIf(r -> RpcRoles.allowed(r).isPresent());
        assertEquals(Set.of(), missing, "RPCs without declared roles");
        Set<String> stale = RpcRoles.table().keySet().stream().filter(r -> r.startsWith("persona."))
                .filter(r -> !rpcs.contains(r)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), stale, "roles declared for RPCs the protos do not have");
    }

    @Test
    void aServiceMayNeitherEraseNorExportAPersonNorWrite() {
        Caller service = new Caller("recommend-service", Set.of(Role.SERVICE), Set.of(), true, Long.MAX_VALUE);
        for (String rpc : List.of("DeleteUser", "ExportUserData", "PutUser", "RecordEvents", "GetProfile")) {
            assertTrue(!service.mayCall(RpcRoles.allowed("persona.v1.ProfileService/" + rpc).orElseThrow()), rpc);
        }
        for (String rpc : List.of("ExportInteractions", "ExportUsers", "ExportItems", "GetUser")) {
            assertTrue(service.mayCall(RpcRoles.allowed("persona.v1.ProfileService/" + rpc).orElseThrow()), rpc);
        }
    }

    @Test
    void onlyAdminsReachReflection() {
        assertEquals(Set.of(), RpcRoles.allowed("grpc.reflection.v1.ServerReflection/ServerReflectionInfo").orElseThrow());
    }

    @Test
    void theProdProfileRefusesToStartWithoutAuthentication() {
        assertThrows(IllegalStateException.class, () -> SecurityCheck.check(false, List.of("prod")));
        SecurityCheck.check(false, List.of("dev"));
        SecurityCheck.check(true, List.of("prod"));
    }

    @Test
    void theProdProfileRefusesACallingServiceWithoutItsToken() {
        assertThrows(IllegalStateException.class,
                () -> SecurityCheck.checkServiceToken(true, java.util.Optional.empty(), NO_CLIENT, List.of("prod")));
        assertThrows(IllegalStateException.class,
                () -> SecurityCheck.checkServiceToken(true, java.util.Optional.of(" "), NO_CLIENT, List.of("prod")));
        SecurityCheck.checkServiceToken(true, java.util.Optional.of("/etc/persona/token/token"), NO_CLIENT,
                List.of("prod"));
        SecurityCheck.checkServiceToken(false, java.util.Optional.empty(), NO_CLIENT, List.of("prod"));
        SecurityCheck.checkServiceToken(true, java.util.Optional.empty(), NO_CLIENT, List.of("test"));
        // Client credentials instead of a file: all three settings or none.
        SecurityCheck.checkServiceToken(true, java.util.Optional.empty(),
                client("https://idp/token", "recommend-service", "s3cret"), List.of("prod"));
        assertThrows(IllegalStateException.class, () -> SecurityCheck.checkServiceToken(true,
                java.util.Optional.empty(), client("https://idp/token", "recommend-service", null), List.of("prod")));
    }

    private static final SecurityConfig.Client NO_CLIENT = client(null, null, null);

    private static SecurityConfig.Client client(String url, String id, String secret) {
        return new SecurityConfig.Client() {
            @Override
            public java.util.Optional<String> tokenUrl() {
                return java.util.Optional.ofNullable(url);
            }

            @Override
            public java.util.Optional<String> id() {
                return java.util.Optional.ofNullable(id);
            }

            @Override
            public java.util.Optional<String> secret() {
                return java.util.Optional.ofNullable(secret);
            }
        };
    }

    @Test
    void theProdProfileRefusesAnEmptyDatabasePassword() {
        assertThrows(IllegalStateException.class,
                () -> SecurityCheck.checkDatabasePassword(true, java.util.Optional.empty(), List.of("prod")));
        assertThrows(IllegalStateException.class,
                () -> SecurityCheck.checkDatabasePassword(true, java.util.Optional.of(""), List.of("prod")));
        SecurityCheck.checkDatabasePassword(true, java.util.Optional.of("s3cret"), List.of("prod"));
        SecurityCheck.checkDatabasePassword(false, java.util.Optional.empty(), List.of("prod"));
        SecurityCheck.checkDatabasePassword(true, java.util.Optional.empty(), List.of("test"));
    }
}
