package io.resellerkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.resellerkit.model.FieldChange;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV cells as RFC 4180 quotes them, with what a spreadsheet would run defused. */
class AuditCsvTest {

    @Test
    void cellsAreQuotedOnlyWhenTheyHoldACommaAQuoteOrALineBreak() {
        assertEquals("plain text", AuditCsv.cell("plain text"));
        assertEquals("\"a,b\"", AuditCsv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", AuditCsv.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", AuditCsv.cell("two\nlines"));
        assertEquals("\"carriage\rreturn\"", AuditCsv.cell("carriage\rreturn"));
    }

    @Test
    void anAbsentValueIsAnEmptyCellAndAnEmptyTextAQuotedOne() {
        assertEquals("", AuditCsv.cell(null));
        assertEquals("\"\"", AuditCsv.cell(""));
    }

    @Test
    void aCellThatASpreadsheetWouldRunGetsALeadingApostrophe() {
        for (String formula : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            String cell = AuditCsv.cell(formula);
            String unquoted = cell.startsWith("\"") ? cell.substring(1, cell.length() - 1) : cell;
            assertEquals("'" + formula, unquoted, formula);
        }
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", AuditCsv.cell("=HYPERLINK(\"http://x\",\"y\")"));
        assertEquals("a=1", AuditCsv.cell("a=1"), "only the first character counts");
    }

    @Test
    void changesAreAJsonArrayWithEscapedText() {
        assertEquals("[]", AuditCsv.changes(List.of()));
        assertEquals("[{\"field\":\"name\",\"old\":null,\"new\":\"a\\\"b\\\\c\\u000a\"}]",
                AuditCsv.changes(Arrays.asList(new FieldChange("name", null, "a\"b\\c\n"))));
    }
}
