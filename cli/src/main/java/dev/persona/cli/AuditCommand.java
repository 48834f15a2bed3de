package dev.persona.cli;

import com.google.protobuf.Timestamp;
import dev.persona.api.v1.AccessLogEntry;
import dev.persona.api.v1.ListAccessLogRequest;
import dev.persona.api.v1.ListAccessLogResponse;
import dev.persona.cli.console.TextTable;
import dev.persona.cli.grpc.ProfileConnection;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code persona audit}: the tenant's access log (ListAccessLog, role privacy), newest first. */
@Command(name = "audit",
        description = {"Lists who read or changed whose personal data (ListAccessLog; needs the privacy role), newest "
                + "first: time, service, subject, roles, RPC, user, outcome. Refused attempts are listed too."})
public final class AuditCommand implements Callable<Integer> {

    private static final int PAGE = 1000;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--user", paramLabel = "<user_id>", description = "Only calls that named this user.")
    String user;

    @Option(names = "--subject", paramLabel = "<sub>", description = "Only calls by this caller (the token's sub).")
    String subject;

    @Option(names = "--since", paramLabel = "<time>", converter = InstantOption.Converter.class,
            description = "Only calls at or after this time, " + InstantOption.FORMATS + ".")
    Timestamp since;

    @Option(names = "--until", paramLabel = "<time>", converter = InstantOption.Converter.class,
            description = "Only calls before this time.")
    Timestamp until;

    @Option(names = "--limit", paramLabel = "<n>", defaultValue = "100",
            description = "Entries listed at most (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        if (limit <= 0) {
            throw CliException.usage("--limit must be positive");
        }
        ListAccessLogRequest.Builder request = ListAccessLogRequest.newBuilder();
        if (user != null) {
            request.setUserId(user);
        }
        if (subject != null) {
            request.setSubject(subject);
        }
        if (since != null) {
            request.setSince(since);
        }
        if (until != null) {
            request.setUntil(until);
        }
        TextTable table = new TextTable("time", "service", "subject", "roles", "rpc", "user", "outcome");
        int listed = 0;
        try (ProfileConnection profiles = ProfileConnection.open(connection.settings())) {
            String token = "";
            do {
                ListAccessLogResponse page = profiles.unary().listAccessLog(request
                        .setPageSize(Math.min(PAGE, limit - listed)).setPageToken(token).build());
                for (AccessLogEntry e : page.getEntriesList()) {
                    String rpc = e.getRpc().substring(e.getRpc().lastIndexOf('.') + 1);
                    table.row(InstantOption.format(e.getAt()), e.getService(), e.getSubject(),
                            String.join(",", e.getRolesList()), rpc, e.getUserId(), e.getOutcome());
                    listed++;
                }
                token = page.getNextPageToken();
            } while (!token.isEmpty() && listed < limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        table.print(out);
        return ExitCodes.OK;
    }
}
