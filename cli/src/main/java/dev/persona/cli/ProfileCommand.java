package dev.persona.cli;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import dev.persona.api.v1.GetProfileRequest;
import dev.persona.api.v1.UserProfile;
import dev.persona.cli.grpc.ProfileConnection;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code persona profile <user_id>}: the user's derived profile (GetProfile) as JSON. */
@Command(name = "profile",
        description = "Prints the profile of a user (GetProfile) as JSON.")
public final class ProfileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Parameters(paramLabel = "<user_id>", description = "The user's id.")
    String userId;

    @Option(names = "--as-of", paramLabel = "<instant>",
            description = "The profile's clock, ISO-8601 (for example 2024-05-01T00:00:00Z); default: now.")
    Instant asOf;

    @Override
    public Integer call() throws Exception {
        GetProfileRequest.Builder request = GetProfileRequest.newBuilder().setUserId(userId);
        if (asOf != null) {
            request.setAsOf(Timestamp.newBuilder().setSeconds(asOf.getEpochSecond()).setNanos(asOf.getNano()));
        }
        UserProfile profile;
        try (ProfileConnection profiles = ProfileConnection.open(connection.settings())) {
            profile = profiles.unary().getProfile(request.build()).getProfile();
        }
        // Zero values are printed too: "mean_rating": 0 next to "rating_count": 0 reads better than a gap.
        spec.commandLine().getOut().println(JsonFormat.printer()
                .preservingProtoFieldNames()
                .alwaysPrintFieldsWithNoPresence()
                .print(profile));
        return ExitCodes.OK;
    }
}
