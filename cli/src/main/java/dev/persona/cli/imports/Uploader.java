package dev.persona.cli.imports;

import dev.persona.api.v1.Event;
import dev.persona.api.v1.ImportItemsRequest;
import dev.persona.api.v1.ImportItemsResponse;
import dev.persona.api.v1.ImportSummary;
import dev.persona.api.v1.ImportUsersRequest;
import dev.persona.api.v1.ImportUsersResponse;
import dev.persona.api.v1.Item;
import dev.persona.api.v1.RecordEventsRequest;
import dev.persona.api.v1.RecordEventsResponse;
import dev.persona.api.v1.User;
import dev.persona.cli.console.ProgressMeter;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.grpc.ProfileConnection;
import dev.persona.cli.grpc.StreamUpload;
import dev.persona.cli.io.RecordSource;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;

/** Streams users, items or events through ImportUsers, ImportItems or RecordEvents, one stream per source. */
public final class Uploader {

    private final ProfileConnection connection;
    private final StatusLine status;

    public Uploader(ProfileConnection connection, StatusLine status) {
        this.connection = connection;
        this.status = status;
    }

    public UploadResult users(String label, RecordSource<User> source) throws IOException, InterruptedException {
        return upload(label, source, connection.streaming()::importUsers,
                user -> ImportUsersRequest.newBuilder().setUser(user).build(), ImportUsersResponse::getSummary);
    }

    public UploadResult items(String label, RecordSource<Item> source) throws IOException, InterruptedException {
        return upload(label, source, connection.streaming()::importItems,
                item -> ImportItemsRequest.newBuilder().setItem(item).build(), ImportItemsResponse::getSummary);
    }

    public UploadResult events(String label, RecordSource<Event> source) throws IOException, InterruptedException {
        return upload(label, source, connection.streaming()::recordEvents,
                event -> RecordEventsRequest.newBuilder().setEvent(event).build(), RecordEventsResponse::getSummary);
    }

    private <T, Req, Resp> UploadResult upload(String label, RecordSource<T> source, StreamUpload.Call<Req, Resp> call,
            Function<T, Req> toRequest, Function<Resp, ImportSummary> summary)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        ProgressMeter progress = ProgressMeter.start(label, "sent", status);
        StreamUpload.Result<Resp> result;
        try {
            result = StreamUpload.send(call, toRequest, source, new StreamUpload.Listener() {
                @Override
                public void sent(long records) {
                    progress.update(records, source.done(), source.total());
                }

                @Override
                public void allSent(long records) {
                    progress.allSent(records, source.done(), source.total());
                }
            });
        } finally {
            progress.finish();
        }
        return new UploadResult(label, result.sent(), summary.apply(result.response()),
                Duration.ofNanos(System.nanoTime() - start));
    }
}
