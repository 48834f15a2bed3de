package dev.persona.cli.grpc;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How a channel protects its connection: TLS (the server's certificate must chain to a trusted CA and name the host
 * the target names), or plaintext.
 *
 * @param credentials what grpc-java connects with
 * @param plaintext   whether the connection goes without TLS: the calls and the bearer token travel unencrypted
 * @param trust       what TLS trusts, for messages: a CA file and where its name came from, or the JVM's default
 *                    trust store; "nothing" when plaintext
 */
public record ChannelSecurity(ChannelCredentials credentials, boolean plaintext, String trust) {

    /** No TLS. */
    public static ChannelSecurity insecure() {
        return new ChannelSecurity(InsecureChannelCredentials.create(), true, "nothing (plaintext)");
    }

    /** TLS trusting the JVM's default trust store (the public CAs it ships, or {@code javax.net.ssl.trustStore}). */
    public static ChannelSecurity defaultTrust() {
        return new ChannelSecurity(TlsChannelCredentials.create(), false, "the JVM's default trust store");
    }

    /**
     * TLS trusting only the CA certificates of a PEM file.
     *
     * @param origin where the file's name came from ("--ca", "PERSONA_CA", ...), for messages
     */
    public static ChannelSecurity trusting(Path caFile, String origin) throws IOException {
        ChannelCredentials credentials = TlsChannelCredentials.newBuilder().trustManager(caFile.toFile()).build();
        return new ChannelSecurity(credentials, false, caFile + " (" + origin + ")");
    }
}
