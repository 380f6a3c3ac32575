package org.caducee.ins.internal.qualification;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.caducee.core.event.CaduceeTopics;
import org.caducee.ins.qualification.AutomaticQualification;
import org.caducee.ins.qualification.InsQualification;
import org.caducee.ins.qualification.QualificationOutcome;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * {@link AutomaticQualification}: an {@link EventHandler} of {@code CaduceeTopics.PATIENT_OPENED} that hands the call
 * to two worker threads of its own (the EventAdmin delivery thread is shared by every handler and must not wait for
 * INSi), keeps the latest outcome of the most recent patients and posts {@link #TOPIC_DONE}.
 */
@Component(service = { AutomaticQualification.class, EventHandler.class }, property = EventConstants.EVENT_TOPIC + "=" + CaduceeTopics.PATIENT_OPENED)
public final class AutomaticQualificationComponent implements AutomaticQualification, EventHandler {

    private static final System.Logger LOG = System.getLogger(AutomaticQualificationComponent.class.getName());
    /** Outcomes kept (most recent patients). */
    private static final int KEPT = 256;

    private final InsQualification qualification;
    private final EventAdmin events;
    private final ExecutorService workers;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final Map<UUID, QualificationOutcome> latest = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, QualificationOutcome> eldest) {
            return size() > KEPT;
        }
    };

    @Activate
    public AutomaticQualificationComponent(@Reference InsQualification qualification, @Reference EventAdmin events) {
        this.qualification = qualification;
        this.events = events;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "caducee-ins-automatic-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ((ThreadPoolExecutor) workers).allowCoreThreadTimeOut(true);
    }

    @Deactivate
    void deactivate() {
        workers.shutdownNow();
    }

    @Override
    public void handleEvent(Event event) {
        Object id = event.getProperty(CaduceeTopics.PROP_PATIENT_ID);
        Object user = event.getProperty(CaduceeTopics.PROP_USER);
        if (id == null) {
            return;
        }
        try {
            request(UUID.fromString(id.toString()), user == null ? null : user.toString());
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "INS : identifiant de patient invalide dans l’événement d’ouverture : " + id);
        }
    }

    @Override
    public boolean request(UUID patientId, String actor) {
        if (!running.add(patientId)) {
            return false;
        }
        String who = actor == null || actor.isBlank() ? "poste" : actor;
        try {
            workers.execute(() -> run(patientId, who));
            return true;
        } catch (RejectedExecutionException e) {
            running.remove(patientId);
            return false;
        }
    }

    private void run(UUID patientId, String actor) {
        QualificationOutcome outcome = null;
        try {
            outcome = qualification.onRecordOpened(patientId, actor);
            synchronized (latest) {
                latest.put(patientId, outcome);
            }
        } catch (RuntimeException e) {
            // patient deleted meanwhile, database down: nothing to show, the user can still call INSi by hand
            LOG.log(System.Logger.Level.WARNING, "INS : appel automatique de l’INSi impossible pour " + patientId, e);
        } finally {
            running.remove(patientId);
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(CaduceeTopics.PROP_PATIENT_ID, patientId.toString());
        props.put(PROP_KIND, outcome == null ? QualificationOutcome.Kind.FAILED.name() : outcome.kind().name());
        events.postEvent(new Event(TOPIC_DONE, props));
    }

    @Override
    public boolean running(UUID patientId) {
        return running.contains(patientId);
    }

    @Override
    public Optional<QualificationOutcome> latest(UUID patientId) {
        synchronized (latest) {
            return Optional.ofNullable(latest.get(patientId));
        }
    }
}
