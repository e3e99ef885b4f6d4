package io.sentrycloud.alarm.memory;

import io.sentrycloud.alarm.silence.MaintenanceWindow;
import io.sentrycloud.alarm.silence.Matcher;
import io.sentrycloud.alarm.silence.Silence;
import io.sentrycloud.alarm.silence.SilenceSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** Silences and maintenance windows held in memory. */
public final class MemorySilences implements SilenceSource {

    private final Map<Long, Silence> silences = new ConcurrentSkipListMap<>();
    private final Map<Long, MaintenanceWindow> windows = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** Creates a silence and returns it with its new id. */
    public Silence add(List<Matcher> matchers, long start, long end, String author, String comment) {
        Silence s = new Silence(ids.incrementAndGet(), matchers, start, end, author, comment);
        silences.put(s.id(), s);
        return s;
    }

    /** Ends a silence at {@code now} (kept, so that it is still listed); false when there is none. */
    public boolean expire(long id, long now) {
        Silence s = silences.get(id);
        if (s == null) {
            return false;
        }
        silences.put(id, new Silence(id, s.matchers(), Math.min(s.start(), now - 1), now, s.author(), s.comment()));
        return true;
    }

    public void putWindow(MaintenanceWindow w) {
        windows.put(w.id(), w);
    }

    @Override
    public List<Silence> silences() {
        return List.copyOf(silences.values());
    }

    @Override
    public List<MaintenanceWindow> maintenanceWindows() {
        return List.copyOf(windows.values());
    }
}
