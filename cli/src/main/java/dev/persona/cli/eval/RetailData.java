package dev.persona.cli.eval;

import com.google.protobuf.util.Timestamps;
import dev.persona.api.v1.Event;
import dev.persona.cli.CliException;
import dev.persona.cli.InputPaths;
import dev.persona.cli.console.StatusLine;
import dev.persona.cli.formats.Transactions;
import dev.persona.cli.io.BadLines;
import dev.persona.cli.io.Decoding;
import dev.persona.cli.io.RecordReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A retail transactions file in memory, read exactly as {@code persona import transactions} reads it (the same
 * parser, malformed lines skipped and reported), so that a customer id here is the user id the import stored. Each
 * purchase is kept as its day (UTC) and amount.
 */
final class RetailData {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    /** One purchase: its day (days since 1970-01-01, UTC) and amount. */
    record Purchase(long day, double amount) {
    }

    /** Recency (days), frequency and monetary value per customer, as of a reference day. */
    record Rfm(List<String> customers, double[][] rows) {
    }

    private final Map<String, List<Purchase>> purchases;
    private final long transactions;
    private final long lastDay;
    private final long firstDay;

    private RetailData(Map<String, List<Purchase>> purchases, long transactions, long firstDay, long lastDay) {
        this.purchases = purchases;
        this.transactions = transactions;
        this.firstDay = firstDay;
        this.lastDay = lastDay;
    }

    static RetailData read(Path csv, StatusLine status) throws IOException {
        Path file = InputPaths.file(csv);
        BadLines bad = new BadLines(file.toString(), false, status);
        Map<String, List<Purchase>> purchases = new TreeMap<>();
        long transactions = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (RecordReader<Event> reader = RecordReader.openWithHeader(file, Decoding.UTF_8, Transactions::fromHeader,
                bad)) {
            for (Event event = reader.next(); event != null; event = reader.next()) {
                long day = Math.floorDiv(Timestamps.toMillis(event.getOccurredAt()), MILLIS_PER_DAY);
                purchases.computeIfAbsent(event.getUserId(), id -> new ArrayList<>())
                        .add(new Purchase(day, event.getValue()));
                transactions++;
                first = Math.min(first, day);
                last = Math.max(last, day);
            }
        }
        bad.printTotal();
        if (transactions == 0) {
            throw CliException.failure("no transactions in " + csv);
        }
        return new RetailData(Collections.unmodifiableMap(purchases), transactions, first, last);
    }

    int customers() {
        return purchases.size();
    }

    long transactions() {
        return transactions;
    }

    LocalDate firstDate() {
        return LocalDate.ofEpochDay(firstDay);
    }

    LocalDate lastDate() {
        return LocalDate.ofEpochDay(lastDay);
    }

    /**
     * Per customer with a purchase before {@code reference}: R = days from the last such purchase to the reference
     * day, F = number of such purchases, M = the sum of their amounts. Customers in id order.
     */
    Rfm rfm(LocalDate reference) {
        long referenceDay = reference.toEpochDay();
        List<String> customers = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        purchases.forEach((customer, list) -> {
            long last = Long.MIN_VALUE;
            int frequency = 0;
            double monetary = 0;
            for (Purchase purchase : list) {
                if (purchase.day() < referenceDay) {
                    last = Math.max(last, purchase.day());
                    frequency++;
                    monetary += purchase.amount();
                }
            }
            if (frequency > 0) {
                customers.add(customer);
                rows.add(new double[] {referenceDay - last, frequency, monetary});
            }
        });
        return new Rfm(List.copyOf(customers), rows.toArray(double[][]::new));
    }

    /**
     * The churn labels of the temporal protocol: among customers with at least one purchase before {@code cutoff},
     * true (churned) when they make no purchase in [cutoff, cutoff + horizonDays). Customers in id order.
     */
    Map<String, Boolean> churnLabels(LocalDate cutoff, int horizonDays) {
        long from = cutoff.toEpochDay();
        long to = from + horizonDays;
        Map<String, Boolean> labels = new TreeMap<>();
        purchases.forEach((customer, list) -> {
            boolean before = list.stream().anyMatch(p -> p.day() < from);
            if (before) {
                labels.put(customer, list.stream().noneMatch(p -> p.day() >= from && p.day() < to));
            }
        });
        return labels;
    }

    /** log1p of each value (negatives clamped to 0), then z-scored per column with the population std. */
    static double[][] log1pZscore(double[][] rows) {
        int n = rows.length;
        int d = n == 0 ? 0 : rows[0].length;
        double[][] scaled = new double[n][d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                scaled[i][j] = Math.log1p(Math.max(0, rows[i][j]));
                sum += scaled[i][j];
            }
            double mean = sum / n;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                squares += (scaled[i][j] - mean) * (scaled[i][j] - mean);
            }
            double std = Math.sqrt(squares / n);
            for (int i = 0; i < n; i++) {
                scaled[i][j] = std > 0 ? (scaled[i][j] - mean) / std : 0;
            }
        }
        return scaled;
    }
}
