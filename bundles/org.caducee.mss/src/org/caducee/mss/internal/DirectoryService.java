package org.caducee.mss.internal;

import java.util.Optional;

import org.caducee.mss.MssDirectory;
import org.caducee.mss.MssDirectoryExtract.ExtractInfo;
import org.caducee.mss.MssException;
import org.caducee.mss.MssException.Kind;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The directory the application uses: the Annuaire Santé FHIR API when its address and key are configured and it
 * answers; otherwise (not configured, unreachable, key refused, or criteria the API cannot search) the imported
 * public extract, with the reason and the extract date in {@link Answer#source()}.
 */
@Component(service = MssDirectory.class)
public class DirectoryService implements MssDirectory {

    private final FhirDirectory online;
    private final ExtractDirectory offline;
    private final MssConnections connections;

    @Activate
    public DirectoryService(@Reference FhirDirectory online, @Reference ExtractDirectory offline, @Reference MssConnections connections) {
        this.online = online;
        this.offline = offline;
        this.connections = connections;
    }

    @Override
    public Answer find(Query q) throws MssException {
        boolean configured = connections.directoryUrl().isPresent() && connections.directoryApiKey().isPresent();
        boolean searchable = !blank(q.name()) || !blank(q.rpps());
        MssException failure = null;
        String why;
        if (configured && searchable) {
            try {
                return new Answer(online.search(q), Messages.get("dir.source.online"), false);
            } catch (MssException e) {
                if (e.kind() == Kind.INVALID || e.kind() == Kind.REFUSED) {
                    throw e;
                }
                failure = e;
                why = Messages.get("dir.source.unreachable");
            }
        } else {
            why = configured ? Messages.get("dir.source.criteria") : Messages.get("dir.source.notConfigured");
        }
        Optional<ExtractInfo> info = offline.info();
        if (info.isEmpty()) {
            if (failure != null) {
                throw failure;
            }
            throw new MssException(Kind.CONFIGURATION, configured ? Messages.get("dir.criteria") : Messages.get("dir.noSource"));
        }
        return new Answer(offline.search(q), offline.sourceLabel(info.get()) + " (" + why + ")", true);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
