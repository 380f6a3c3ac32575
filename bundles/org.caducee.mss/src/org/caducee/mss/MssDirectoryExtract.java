package org.caducee.mss;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The offline MSSanté directory: the public extract of MSSanté mailboxes published every day by the ANS
 * ({@code Extraction_Correspondance_MSSante_AAAAMMJJhhmm.txt}, UTF-8, fields separated by {@code |}, one header line;
 * or the ZIP that holds it) indexed in the local database. The setting {@code mss.directory.extract.file} names a
 * file imported again whenever it changes.
 */
public interface MssDirectoryExtract {

    /** What an import did. {@code skippedExamples} are a few skipped lines with their number and reason (French). */
    record ImportReport(String fileName, LocalDate extractDate, int imported, int skipped, List<String> skippedExamples) {
    }

    /** The extract in use. */
    record ExtractInfo(String fileName, LocalDate extractDate, Instant importedAt, int entries, int skipped) {
    }

    /**
     * Reads the file (streamed) and replaces the whole index with it in one transaction: on failure the previous
     * index stays. Unreadable lines are skipped and counted; a file that is not an extract is refused. Traced.
     */
    ImportReport importFile(Path file, String actor) throws MssException;

    /** The imported extract, if any. */
    Optional<ExtractInfo> info();

    /** Searches the imported extract only; at least one criterion is required. */
    List<MssDirectory.Entry> search(MssDirectory.Query query) throws MssException;

    /** "annuaire hors ligne, extraction du JJ/MM/AAAA". */
    String sourceLabel(ExtractInfo info);
}
