package dev.persona.common.security;

import static dev.persona.common.security.Role.ANALYST;
import static dev.persona.common.security.Role.INGEST;
import static dev.persona.common.security.Role.PRIVACY;
import static dev.persona.common.security.Role.PROFILE_READ;
import static dev.persona.common.security.Role.RECOMMEND;
import static dev.persona.common.security.Role.SERVICE;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one table of who may call what: for every RPC of every service, the roles that may call it ({@link Role#ADMIN}
 * may call everything). An RPC missing here is refused to everyone but admins; a test built from the proto
 * descriptors fails when one is missing. The README's role table gives the reason for each grant.
 */
public final class RpcRoles {

    /** Services any caller reaches without a token: the standard health check. */
    public static final Set<String> PUBLIC_SERVICES = Set.of("grpc.health.v1.Health");

    /** Sorted by RPC while the table is built, for {@link #table()}. */
    private static final Map<String, Set<Role>> TABLE = new TreeMap<>();

    /**
     * The RPCs that read or change one person's data, or the personal data of many: each call to them, and each
     * refused attempt, goes to the access log. Serving answers that reveal only items (Recommend, RankItems,
     * PredictRating, similar items) and the builds and listings of aggregates are not listed.
     */
    private static final Set<String> PERSONAL = Set.of(
            "persona.v1.ProfileService/PutUser", "persona.v1.ProfileService/GetUser",
            "persona.v1.ProfileService/ImportUsers", "persona.v1.ProfileService/RecordEvents",
            "persona.v1.ProfileService/RecordEvent", "persona.v1.ProfileService/GetProfile",
            "persona.v1.ProfileService/ListUserEvents", "persona.v1.ProfileService/DeleteUser",
            "persona.v1.ProfileService/ExportUserData", "persona.v1.ProfileService/ExportInteractions",
            "persona.v1.ProfileService/ExportUsers", "persona.v1.ProfileService/ListAccessLog",
            "persona.v1.SimilarityService/GetSimilarUsers", "persona.v1.SegmentService/AssignSegment", "persona.v1.SegmentService/ListSegmentMembers",
            "persona.v1.SegmentService/PredictOutcome", "persona.v1.SegmentService/SelectAudience");

    /**
     * The RPCs that act on the platform rather than within one tenant (the tenant registry, and server reflection,
     * which describes the API only): the {@code x-tenant-id} header may be absent (when present, the token must still
     * grant it), and the RPC itself checks the tenants it touches against the caller's token.
     */
    private static final Set<String> UNSCOPED = Set.of(
            "persona.v1.ProfileService/CreateTenant", "persona.v1.ProfileService/ListTenants",
            "grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
            "grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo");

    static {
        String profile = "persona.v1.ProfileService/";
        grant(profile, INGEST, "PutUser", "PutItem", "ImportUsers", "ImportItems", "RecordEvents", "RecordEvent");
        // The services read single records and histories too: similarity-service checks that ids exist,
        // recommend-service reads a user's consent, segment-service a user's attributes and events.
        grant(profile, EnumSet.of(PROFILE_READ, SERVICE), "GetUser", "GetItem", "ListUserEvents");
        grant(profile, PROFILE_READ, "GetProfile");
        grant(profile, PRIVACY, "DeleteUser", "ExportUserData", "ListAccessLog");
        grant(profile, SERVICE, "ExportInteractions", "ExportUsers", "ExportItems");
        // Tenants are created by platform administrators only (whose token grants the new tenant, usually "*").
        grant(profile, EnumSet.noneOf(Role.class), "CreateTenant", "ListTenants");

        String similarity = "persona.v1.SimilarityService/";
        grant(similarity, ANALYST, "BuildNeighbors", "GetNeighborsStatus");
        grant(similarity, RECOMMEND, "GetSimilarItems", "GetSimilarUsers", "GetSimilarity");

        String recommend = "persona.v1.RecommendService/";
        grant(recommend, RECOMMEND, "Recommend", "RecommendSimilarItems", "RankItems", "PredictRating");
        grant(recommend, ANALYST, "TrainModel", "ListModels", "EvaluateOffline", "GetStrategyMetrics");

        String segment = "persona.v1.SegmentService/";
        grant(segment, RECOMMEND, "AssignSegment", "PredictOutcome");
        grant(segment, ANALYST, "BuildSegmentation", "GetSegmentation", "ListSegmentations", "ListSegmentMembers",
                "TrainPredictor", "SelectAudience");

        // Server reflection describes the API only, but is off unless enabled; when on, admins use it.
        grant("grpc.reflection.v1.ServerReflection/", EnumSet.noneOf(Role.class), "ServerReflectionInfo");
        grant("grpc.reflection.v1alpha.ServerReflection/", EnumSet.noneOf(Role.class), "ServerReflectionInfo");
    }

    /**
     * The same table for the lookup every call makes, as a hash map: a call's method name is its descriptor's one
     * string, whose hash is computed once (the static block above fills TABLE first).
     */
    private static final Map<String, Set<Role>> GRANTS = Map.copyOf(TABLE);

    private RpcRoles() {
    }

    private static void grant(String service, Role role, String... methods) {
        grant(service, EnumSet.of(role), methods);
    }

    private static void grant(String service, EnumSet<Role> roles, String... methods) {
        for (String m : methods) {
            if (TABLE.put(service + m, Collections.unmodifiableSet(EnumSet.copyOf(roles))) != null) {
                throw new IllegalStateException(service + m + " is granted twice");
            }
        }
    }

    /**
     * The roles besides admin that may call an RPC, by its full method name ({@code persona.v1.ProfileService/GetUser});
     * empty when the table does not name it.
     */
    public static Optional<Set<Role>> allowed(String fullMethodName) {
        return Optional.ofNullable(GRANTS.get(fullMethodName));
    }

    /** Whether calls to an RPC (full method name) go to the access log. */
    public static boolean personal(String fullMethodName) {
        return PERSONAL.contains(fullMethodName);
    }

    /** Whether an RPC (full method name) acts on the platform rather than within one tenant. */
    public static boolean unscoped(String fullMethodName) {
        return UNSCOPED.contains(fullMethodName);
    }

    /** The whole table, by full method name. */
    public static Map<String, Set<Role>> table() {
        return Collections.unmodifiableMap(TABLE);
    }
}
