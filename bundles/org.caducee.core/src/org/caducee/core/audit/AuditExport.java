package org.caducee.core.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.caducee.core.internal.Messages;

/**
 * Audit entries as a CSV file a spreadsheet opens as is (Excel in French): UTF-8 with a byte order mark, semicolons,
 * French headers, dates and times in the display zone, every cell quoted when it holds a separator, a quote or a line
 * break. The patient column names the subject when {@code subjectLabel} knows it.
 */
public final class AuditExport {

    private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

    private final ZoneId zone;
    private final Function<String, String> subjectLabel;

    public AuditExport(ZoneId zone, Function<String, String> subjectLabel) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.subjectLabel = Objects.requireNonNull(subjectLabel, "subjectLabel");
    }

    public byte[] csv(List<AuditEvent> events) {
        DateTimeFormatter day = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(zone);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        StringBuilder out = new StringBuilder();
        row(out, Messages.get("audit.csv.sequence"), Messages.get("audit.csv.date"), Messages.get("audit.csv.time"),
                Messages.get("audit.csv.actor"), Messages.get("audit.csv.action"), Messages.get("audit.csv.subject"),
                Messages.get("audit.csv.patient"), Messages.get("audit.csv.detail"));
        for (AuditEvent e : events) {
            String label = e.subject().isEmpty() ? "" : subjectLabel.apply(e.subject());
            row(out, Long.toString(e.sequence()), day.format(e.at()), time.format(e.at()), e.actor(), e.action(), e.subject(),
                    label == null ? "" : label, e.detail());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(BOM);
        bytes.writeBytes(out.toString().getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    private static void row(StringBuilder out, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(';');
            }
            out.append(cell(cells[i]));
        }
        out.append("\r\n");
    }

    /** A cell quoted when needed; a leading formula character is neutralised so that a spreadsheet shows it as text. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(';') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
