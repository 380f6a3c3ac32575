package org.caducee.mss.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.caducee.mss.internal.ReceptionPipeline.Arrival;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.eclipse.angus.mail.imap.protocol.UIDSet;

import jakarta.mail.MessagingException;

/**
 * Whole messages fetched from the IMAP server in batches: one {@code UID FETCH <set> (BODY.PEEK[])} per batch
 * instead of one round trip per message (the message stays unseen until the pipeline flags it), the raw bytes kept
 * as the server sent them. Other responses of the server in between go to the folder as usual.
 */
final class ImapBatches {

    /** Messages per FETCH. */
    static final int BATCH_MESSAGES = 16;
    /** Announced bytes per FETCH (a larger message is fetched alone). */
    static final long BATCH_BYTES = 4L * 1024 * 1024;
    /** Messages fetched and not yet stored, at most (beyond, the fetch waits for the storage). */
    static final int MAX_PENDING = 3 * BATCH_MESSAGES;
    /** Bytes fetched and not yet stored, at most (one message larger than this still goes through, alone). */
    static final long MAX_PENDING_BYTES = 24L * 1024 * 1024;

    private ImapBatches() {
    }

    /**
     * The arrivals from {@code from} that make the next FETCH: at most {@link #BATCH_MESSAGES} and {@link #BATCH_BYTES}
     * (at least one). Messages over {@code max} are not fetched whole and weigh nothing.
     */
    static List<Arrival> nextBatch(List<Arrival> arrivals, int from, long max) {
        List<Arrival> batch = new ArrayList<>();
        long bytes = 0;
        for (int i = from; i < arrivals.size() && batch.size() < BATCH_MESSAGES; i++) {
            Arrival a = arrivals.get(i);
            long weight = a.size() > max ? 0 : Math.max(0, a.size());
            if (!batch.isEmpty() && bytes + weight > BATCH_BYTES) {
                break;
            }
            batch.add(a);
            bytes += weight;
        }
        return batch;
    }

    /** The raw messages of these UIDs, by UID (a UID the server no longer has is absent). */
    static Map<Long, byte[]> fetchBodies(IMAPFolder folder, long[] uids) throws MessagingException {
        Map<Long, byte[]> out = new HashMap<>();
        if (uids.length == 0) {
            return out;
        }
        long[] sorted = uids.clone();
        Arrays.sort(sorted);
        String command = "UID FETCH " + UIDSet.toString(UIDSet.createUIDSets(sorted)) + " (UID BODY.PEEK[])";
        folder.doCommand(p -> {
            Response[] responses = p.command(command, null);
            List<Response> others = new ArrayList<>();
            for (int i = 0; i < responses.length - 1; i++) {
                Response r = responses[i];
                if (r instanceof FetchResponse f) {
                    BODY body = f.getItem(BODY.class);
                    UID uid = f.getItem(UID.class);
                    if (body != null && uid != null && (body.getSection() == null || body.getSection().isEmpty()) && !body.isHeader()
                            && body.getByteArray() != null) {
                        out.put(uid.uid, body.getByteArray().getNewBytes());
                        continue;
                    }
                }
                others.add(r);
            }
            p.notifyResponseHandlers(others.toArray(Response[]::new));
            p.handleResult(responses[responses.length - 1]);
            return null;
        });
        return out;
    }
}
