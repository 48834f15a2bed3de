package dev.persona.cli.formats;

import static dev.persona.cli.TestFiles.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.persona.api.v1.User;
import dev.persona.cli.io.BadLineException;
import dev.persona.cli.io.ReadAll;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelcoTest {

    @Test
    void everyColumnButTheIdIsAnAttributeWithCrlfRemoved() throws IOException {
        ReadAll<User> read = ReadAll.withHeader(resource("telco/telco.csv"), Telco::fromHeader);
        List<User> users = read.records();
        assertEquals(3, users.size());
        assertEquals("0001-ABCDE", users.get(0).getUserId());
        assertEquals(Map.of("gender", "Female", "SeniorCitizen", "0", "tenure", "1", "Contract", "Month-to-month",
                "TotalCharges", "29.85", "Churn", "No"), users.get(0).getAttributesMap());
    }

    @Test
    void valuesAreTrimmedAndABlankValueStaysAnEmptyAttribute() throws IOException {
        List<User> users = ReadAll.withHeader(resource("telco/telco.csv"), Telco::fromHeader).records();
        assertEquals("", users.get(1).getAttributesOrThrow("TotalCharges"));
        assertEquals("Male", users.get(2).getAttributesOrThrow("gender"));
    }

    @Test
    void aRowWithMissingColumnsIsABadLine() throws IOException {
        String report = ReadAll.withHeader(resource("telco/telco.csv"), Telco::fromHeader).report();
        assertTrue(report.contains("telco.csv line 5: expected 7 comma-separated fields, found 4"), report);
    }

    @Test
    void aHeaderWithoutCustomerIdIsRefused() {
        assertThrows(BadLineException.class, () -> Telco.fromHeader("id,gender"));
    }
}
