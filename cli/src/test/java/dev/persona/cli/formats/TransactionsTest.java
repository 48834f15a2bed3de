package dev.persona.cli.formats;

import static dev.persona.cli.TestFiles.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.Timestamps;
import dev.persona.api.v1.Event;
import dev.persona.api.v1.EventType;
import dev.persona.cli.io.BadLineException;
import dev.persona.cli.io.ReadAll;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionsTest {

    @Test
    void rowsBecomePurchasesOfTheStoreAtMidnightUtc() throws IOException {
        ReadAll<Event> read = ReadAll.withHeader(resource("transactions/transactions.csv"), Transactions::fromHeader);
        Event first = read.records().get(0);
        assertEquals("C001", first.getUserId());
        assertEquals("store", first.getItemId());
        assertEquals(EventType.EVENT_TYPE_PURCHASE, first.getType());
        assertEquals(35.0, first.getValue());
        assertEquals(Instant.parse("2013-05-16T00:00:00Z").getEpochSecond(),
                Timestamps.toSeconds(first.getOccurredAt()));
    }

    @Test
    void identicalRowsGetIncreasingSuffixesSoEachStaysOneEvent() throws IOException {
        List<String> ids = ReadAll.withHeader(resource("transactions/transactions.csv"), Transactions::fromHeader)
                .records().stream().map(Event::getEventId).toList();
        // 35 and 35.0 are one amount; the next day is another key.
        assertEquals(List.of("tx-C001-20130516-35-0", "tx-C002-20140102-80-0", "tx-C001-20130516-35-1",
                "tx-C001-20130516-35-2", "tx-C003-20121231-12.5-0", "tx-C001-20130517-35-0"), ids);
    }

    @Test
    void readingTheFileAgainGivesTheSameIds() throws IOException {
        List<String> first = ReadAll.withHeader(resource("transactions/transactions.csv"), Transactions::fromHeader)
                .records().stream().map(Event::getEventId).toList();
        List<String> second = ReadAll.withHeader(resource("transactions/transactions.csv"), Transactions::fromHeader)
                .records().stream().map(Event::getEventId).toList();
        assertEquals(first, second);
    }

    @Test
    void malformedDatesAndAmountsAreBadLines() throws IOException {
        String report = ReadAll.withHeader(resource("transactions/transactions.csv"), Transactions::fromHeader)
                .report();
        assertTrue(report.contains("transactions.csv line 7: trans_date is not a date M/D/YYYY or D-Mon-YY: '13/1/2014'"), report);
        assertTrue(report.contains("transactions.csv line 8: tran_amount is not a number: 'abc'"), report);
    }

    @Test
    void dayMonthTwoDigitYearDatesAsInThePublicRetailFileAreAccepted() throws BadLineException {
        var rows = Transactions.fromHeader("customer_id,trans_date,tran_amount");
        Event event = rows.parse("CS5295,11-Feb-13,35");
        assertEquals(Instant.parse("2013-02-11T00:00:00Z").getEpochSecond(),
                Timestamps.toSeconds(event.getOccurredAt()));
        assertEquals("tx-CS5295-20130211-35-0", event.getEventId());
        assertEquals(Instant.parse("2011-11-16T00:00:00Z").getEpochSecond(),
                Timestamps.toSeconds(rows.parse("CS1217,16-nov-11,99").getOccurredAt()));
        BadLineException e = assertThrows(BadLineException.class, () -> rows.parse("CS1,30-Feb-13,1"));
        assertTrue(e.getMessage().contains("'30-Feb-13'"), e.getMessage());
    }

    @Test
    void aProductColumnNamesTheItem() throws IOException {
        List<Event> events = ReadAll.withHeader(resource("transactions/with-products.csv"), Transactions::fromHeader)
                .records();
        assertEquals(List.of("P-10", "P-11"), events.stream().map(Event::getItemId).toList());
        assertEquals(List.of("tx-C001-20130516-35-0", "tx-C001-20130516-35-1"),
                events.stream().map(Event::getEventId).toList());
    }

    @Test
    void aHeaderWithoutTheAmountIsRefused() {
        BadLineException e = assertThrows(BadLineException.class,
                () -> Transactions.fromHeader("customer_id,trans_date"));
        assertTrue(e.getMessage().contains("tran_amount"), e.getMessage());
    }
}
