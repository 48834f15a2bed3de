package dev.persona.cli.formats;

import com.google.protobuf.util.Timestamps;
import dev.persona.api.v1.Event;
import dev.persona.api.v1.EventType;
import dev.persona.cli.io.BadLineException;
import dev.persona.cli.io.Csv;
import dev.persona.cli.io.Fields;
import dev.persona.cli.io.LineParser;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Retail transactions as PURCHASE events: a CSV with header {@code customer_id,trans_date,tran_amount} and
 * optionally a {@code product_id} or {@code item_id} column (else every purchase is of the item "store"). Dates are
 * M/D/YYYY ("5/16/2013") or D-Mon-YY ("16-May-13", as in the public retail transactions file).
 *
 * <p>The event id is {@code tx-<customer>-<yyyymmdd>-<amount>-<n>}, n counting the earlier rows of the file with
 * the same customer, date and amount: the file has no id of its own, and this keeps re-importing it idempotent while
 * two equal purchases on one day stay two events.
 */
public final class Transactions {

    public static final String DEFAULT_ITEM = "store";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("M/d/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    /** As in the public retail transactions file: "11-Feb-13"; the two-digit year is 2000 to 2099. */
    private static final DateTimeFormatter SHORT_DATE = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("d-MMM-").appendValueReduced(ChronoField.YEAR, 2, 2, 2000).toFormatter(Locale.ENGLISH)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter COMPACT_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private Transactions() {
    }

    /** The row parser for this header; it counts repeated rows, so use one per file. */
    public static LineParser<Event> fromHeader(String headerLine) throws BadLineException {
        List<String> header = Csv.header(headerLine);
        int item = Csv.column(header, "product_id");
        return new Rows(header.size(), required(header, "customer_id"), required(header, "trans_date"),
                required(header, "tran_amount"), item >= 0 ? item : Csv.column(header, "item_id"));
    }

    private static int required(List<String> header, String name) throws BadLineException {
        int column = Csv.column(header, name);
        if (column < 0) {
            throw new BadLineException("no column '" + name + "' in " + header);
        }
        return column;
    }

    private static final class Rows implements LineParser<Event> {

        private final int columns;
        private final int customerColumn;
        private final int dateColumn;
        private final int amountColumn;
        private final int itemColumn;
        private final Map<String, Integer> earlierIdenticalRows = new HashMap<>();

        Rows(int columns, int customerColumn, int dateColumn, int amountColumn, int itemColumn) {
            this.columns = columns;
            this.customerColumn = customerColumn;
            this.dateColumn = dateColumn;
            this.amountColumn = amountColumn;
            this.itemColumn = itemColumn;
        }

        @Override
        public Event parse(String line) throws BadLineException {
            List<String> f = Csv.split(line);
            if (f.size() != columns) {
                throw new BadLineException("expected " + columns + " comma-separated fields, found " + f.size());
            }
            String customer = Fields.id(f.get(customerColumn), "customer_id");
            LocalDate date = date(f.get(dateColumn).trim());
            BigDecimal amount = amount(f.get(amountColumn).trim());
            String item = itemColumn >= 0 ? Fields.id(f.get(itemColumn), "product id") : DEFAULT_ITEM;
            // 35, 35.0 and 35.00 are one amount, so they must give one id.
            String amountText = amount.stripTrailingZeros().toPlainString();
            String day = date.format(COMPACT_DATE);
            int n = earlierIdenticalRows.merge(customer + '\n' + day + '\n' + amountText, 1, Integer::sum) - 1;
            return Event.newBuilder()
                    .setEventId("tx-" + customer + "-" + day + "-" + amountText + "-" + n)
                    .setUserId(customer)
                    .setItemId(item)
                    .setType(EventType.EVENT_TYPE_PURCHASE)
                    .setValue(amount.doubleValue())
                    .setOccurredAt(Timestamps.fromSeconds(date.atStartOfDay(ZoneOffset.UTC).toEpochSecond()))
                    .build();
        }

        private static LocalDate date(String text) throws BadLineException {
            try {
                return LocalDate.parse(text, text.indexOf('-') > 0 ? SHORT_DATE : DATE);
            } catch (DateTimeParseException e) {
                throw new BadLineException("trans_date is not a date M/D/YYYY or D-Mon-YY: '" + text + "'");
            }
        }

        private static BigDecimal amount(String text) throws BadLineException {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new BadLineException("tran_amount is not a number: '" + text + "'");
            }
        }
    }
}
